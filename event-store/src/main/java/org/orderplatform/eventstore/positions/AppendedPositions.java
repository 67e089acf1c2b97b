package org.orderplatform.eventstore.positions;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events as Axon's JDBC engine does, and remembers the global index the database gave each
 * one, per aggregate, for the rest of the current Spring transaction. A command's consistency token
 * (the position of its aggregate's last event) is then known without asking the database again:
 * one round trip less per write (docs/performance.md, R2).
 */
public final class AppendedPositions {

    private static final Object RESOURCE = AppendedPositions.class.getName() + ".positions";

    private AppendedPositions() {}

    /** The statement Axon's engine runs to append {@code events} (its {@code AppendEventsStatementBuilder}). */
    public static PreparedStatement appendEvents(
            Connection connection,
            EventSchema schema,
            Class<?> dataType,
            List<? extends EventMessage<?>> events,
            Serializer serializer,
            TimestampWriter timestampWriter)
            throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ")"
                + " VALUES (?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql, new String[] {schema.globalIndexColumn()});
        List<String> aggregates = new ArrayList<>(events.size());
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEvent(message);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData());
            statement.setObject(9, metaData.getData());
            statement.addBatch();
            aggregates.add(event.getAggregateIdentifier());
        }
        return (PreparedStatement) Proxy.newProxyInstance(
                AppendedPositions.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                new RecordingKeys(statement, aggregates));
    }

    /** The position of the aggregate's last event appended in the current transaction, if any. */
    static OptionalLong lastAppended(String aggregateId) {
        @SuppressWarnings("unchecked")
        Map<String, Long> positions = (Map<String, Long>) TransactionSynchronizationManager.getResource(RESOURCE);
        Long position = positions == null ? null : positions.get(aggregateId);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    private static void record(List<String> aggregates, ResultSet keys) throws SQLException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return; // no transaction to remember them for
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> positions = (Map<String, Long>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (positions == null) {
            Map<String, Long> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            positions = fresh;
        }
        for (int i = 0; keys.next() && i < aggregates.size(); i++) {
            positions.merge(aggregates.get(i), keys.getLong(1), Math::max);
        }
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent;
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    /** Hands every call to the statement; after {@code executeBatch} reads the generated global indexes. */
    private record RecordingKeys(PreparedStatement statement, List<String> aggregates) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            try {
                Object result = method.invoke(statement, args);
                if (method.getName().equals("executeBatch")) {
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        record(aggregates, keys);
                    }
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
