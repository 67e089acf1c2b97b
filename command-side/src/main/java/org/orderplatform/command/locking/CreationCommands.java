package org.orderplatform.command.locking;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The command types that always create a new aggregate: handled by a {@code @CommandHandler}
 * constructor, or by a method with {@code @CreationPolicy(ALWAYS)}. Such a command never loads
 * state another transaction could be changing, so it needs no write lock: a second create of the
 * same id fails on the event store's unique key, with or without one.
 */
final class CreationCommands {

    private CreationCommands() {}

    static Set<Class<?>> of(Collection<Class<?>> aggregateTypes) {
        Set<Class<?>> commands = new HashSet<>();
        for (Class<?> type : aggregateTypes) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.isAnnotationPresent(CommandHandler.class) && constructor.getParameterCount() > 0) {
                    commands.add(constructor.getParameterTypes()[0]);
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                CreationPolicy policy = method.getAnnotation(CreationPolicy.class);
                if (method.isAnnotationPresent(CommandHandler.class)
                        && policy != null
                        && policy.value() == AggregateCreationPolicy.ALWAYS
                        && method.getParameterCount() > 0) {
                    commands.add(method.getParameterTypes()[0]);
                }
            }
        }
        return Set.copyOf(commands);
    }
}
