package org.orderplatform.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the nodes and a server (the PostgreSQL primary), which injects network
 * faults: latency on every chunk either way, every open connection dropped at once, new
 * connections refused for a while. A thread per direction per connection: a few dozen pooled
 * connections, nothing to optimise.
 */
final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile long latencyMillis;
    private volatile boolean refusing;
    private volatile boolean closed;

    FaultProxy(int targetPort) {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("fault-proxy", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /**
     * Resets every connection open now, as a broken network would (an RST, not a FIN: the peers
     * see "connection reset"); answers how many connections (each is two sockets here).
     */
    int dropAll() {
        int sockets = 0;
        for (Socket socket : Set.copyOf(open)) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed already
            }
            closeQuietly(socket);
            sockets++;
        }
        return sockets / 2;
    }

    /** While on, a new connection is closed as soon as it is accepted. */
    void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    void heal() {
        latencyMillis = 0;
        refusing = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(target, 2_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                daemon("fault-proxy-up", () -> pump(client, server));
                daemon("fault-proxy-down", () -> pump(server, client));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long delay = latencyMillis;
                if (delay > 0) {
                    Thread.sleep(delay); // the injected latency itself, not a wait for anything
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // dropped (by us or by a peer): the other direction ends with it
        } catch (IOException e) {
            // as above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
        dropAll();
    }
}
