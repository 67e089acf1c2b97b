package org.orderplatform.command.locking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Before a command loads its aggregate, takes a PostgreSQL advisory lock on the aggregate's id,
 * held until the command's transaction ends.
 *
 * <p>Axon's own aggregate lock lives in one JVM and is released when its unit of work ends. When
 * the unit of work joins a longer transaction (the idempotency filter's), the next command for the
 * same aggregate would load the state before that transaction committed and only fail later, on
 * the event store's unique key. With this lock it waits for the commit, loads the current version
 * and gets an honest answer (412 for a stale If-Match); the same holds between nodes. The unique
 * key stays as the last line of defence.
 */
@Component
class AggregateWriteLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final ListableBeanFactory beans;
    private final CommandTargetResolver targets =
            AnnotationCommandTargetResolver.builder().build();
    private volatile Set<Class<?>> creationCommands;

    AggregateWriteLock(JdbcTemplate jdbc, ListableBeanFactory beans) {
        this.jdbc = jdbc;
        this.beans = beans;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (creationCommands().contains(unitOfWork.getMessage().getPayloadType())) {
            return chain.proceed();
        }
        String aggregateId = targetOf(unitOfWork.getMessage());
        if (aggregateId != null) {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", lockId(aggregateId));
        }
        return chain.proceed();
    }

    /** The aggregates are Spring's prototype beans ({@code @Aggregate}); read once, on first use. */
    private Set<Class<?>> creationCommands() {
        Set<Class<?>> known = creationCommands;
        if (known == null) {
            List<Class<?>> aggregates = Arrays.stream(beans.getBeanNamesForAnnotation(Aggregate.class))
                    .<Class<?>>map(beans::getType)
                    .filter(type -> type != null)
                    .toList();
            known = CreationCommands.of(aggregates);
            creationCommands = known;
        }
        return known;
    }

    private String targetOf(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException notAnAggregateCommand) {
            return null;
        }
    }

    /** 64 bits of SHA-256 of the id: a collision only makes two aggregates' writers take turns. */
    static long lockId(String aggregateId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("aggregate:".getBytes(StandardCharsets.UTF_8));
            sha.update(aggregateId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
