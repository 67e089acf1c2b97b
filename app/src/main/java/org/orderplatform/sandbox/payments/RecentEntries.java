package org.orderplatform.sandbox.payments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map that forgets its oldest entries beyond a capacity, so that the sandbox's
 * memory stays bounded however long it runs. A {@code ConcurrentHashMap} cannot tell which entry
 * is oldest; a synchronized {@code LinkedHashMap} evicts in O(1), and its lock is only ever held
 * for a lookup or an insert, never while a reply is being worked out.
 */
final class RecentEntries {

    private RecentEntries() {}

    static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<K, V>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
