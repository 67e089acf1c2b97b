package org.orderplatform.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A test's reader of an event stream: each event (comments skipped) into a list, in the background. */
final class ServerSentEvents {

    /** One event: its id, its {@code event:} type and its data. */
    record Event(String id, String type, String data) {}

    /** An open stream; closing it closes the connection (the gateway then closes its consumer). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private ServerSentEvents() {}

    static Subscription subscribe(HttpClient client, HttpRequest request, List<Event> into) throws Exception {
        Stream<String> lines =
                client.send(request, HttpResponse.BodyHandlers.ofLines()).body();
        Thread reader = new Thread(() -> {
            List<String> fields = new ArrayList<>();
            try {
                lines.forEach(line -> {
                    if (!line.isEmpty()) {
                        fields.add(line);
                        return;
                    }
                    String id = null;
                    String event = null;
                    StringBuilder data = new StringBuilder();
                    for (String field : fields) {
                        if (field.startsWith("id:")) {
                            id = field.substring(3).trim();
                        } else if (field.startsWith("event:")) {
                            event = field.substring(6).trim();
                        } else if (field.startsWith("data:")) {
                            data.append(field.substring(5));
                        }
                    }
                    if (id != null) {
                        into.add(new Event(id, event, data.toString()));
                    }
                    fields.clear();
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines::close;
    }
}
