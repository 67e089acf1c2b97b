package org.orderplatform.cluster;

import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.Member;
import io.scalecube.cluster.membership.MembershipEvent;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a member of the cluster: it joins through the seeds, announces its metadata,
 * and keeps the view of every member that the SWIM protocol converges on (alive, leaving, dead,
 * and when each was last heard from). Other parts of the platform spread small shared state
 * through it ({@link #spread}, {@link #onGossip}); each node's heartbeat travels the same way.
 */
public final class Membership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    private static final String TOPIC = "orders-topic";
    private static final String FROM = "orders-from";
    private static final String HEARTBEAT = "heartbeat";

    private final ClusterSettings settings;
    private final Clock clock;
    private final Map<String, Tracked> members = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, String>> gossipListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MemberView>> changeListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile NodeMetadata self;
    private volatile Cluster cluster;
    private volatile Instant startedAt = Instant.EPOCH;

    public Membership(ClusterSettings settings, NodeMetadata self) {
        this(settings, self, Clock.systemUTC());
    }

    Membership(ClusterSettings settings, NodeMetadata self, Clock clock) {
        this.settings = settings;
        this.self = self;
        this.clock = clock;
    }

    /** Joins (or starts) the cluster; returns once this member listens. */
    public Membership start() {
        cluster = new ClusterImpl()
                .config(config -> config.memberId(self.nodeId())
                        .memberAlias(self.nodeId())
                        .externalHost(settings.host())
                        .metadata(self)
                        .metadataCodec(new JsonMetadataCodec()))
                .membership(config -> config.namespace(settings.namespace())
                        .seedMembers(settings.seeds())
                        .syncInterval(millis(settings.syncInterval()))
                        .suspicionMult(settings.suspicionMult()))
                .failureDetector(config -> config.pingInterval(millis(settings.pingInterval()))
                        .pingTimeout(millis(settings.pingTimeout())))
                .gossip(config ->
                        config.gossipInterval(settings.gossipInterval().toMillis()))
                .transport(config -> config.port(settings.port()))
                .transportFactory(TcpTransportFactory::new)
                .handler(started -> new Handler())
                .startAwait();
        startedAt = clock.instant();
        long every = settings.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(() -> spread(HEARTBEAT, ""), every, every, TimeUnit.MILLISECONDS);
        log.info(
                "Cluster member {} gossips at {} (seeds: {})",
                self.nodeId(),
                cluster.address(),
                settings.seeds().isEmpty() ? "none, a new cluster" : settings.seeds());
        return this;
    }

    /** Where this member gossips ({@code host:port}): what another member names as its seed. */
    public String gossipAddress() {
        return cluster.address();
    }

    public NodeMetadata self() {
        return self;
    }

    /** Changes this member's metadata; the others learn it by gossip. */
    public synchronized void updateMetadata(UnaryOperator<NodeMetadata> change) {
        NodeMetadata changed = change.apply(self);
        if (changed.equals(self)) {
            return;
        }
        self = changed;
        if (cluster != null) {
            cluster.updateMetadata(changed).block(Duration.ofSeconds(5));
        }
    }

    /** Every member this node knows of, itself first; the dead for a while after they went. */
    public List<MemberView> members() {
        Instant now = clock.instant();
        members.values()
                .removeIf(tracked -> tracked.state == MemberView.State.DEAD
                        && tracked.since.plus(settings.deadRetention()).isBefore(now));
        List<MemberView> views = new ArrayList<>();
        if (cluster != null) {
            views.add(new MemberView(self.nodeId(), cluster.address(), MemberView.State.ALIVE, self, startedAt, now));
        }
        members.values().stream()
                .map(Tracked::view)
                .sorted(Comparator.comparing(MemberView::id))
                .forEach(views::add);
        return views;
    }

    /** The other members that are alive now. */
    public List<MemberView> alive() {
        return members().stream()
                .skip(1)
                .filter(member -> member.state() == MemberView.State.ALIVE)
                .toList();
    }

    /** Spreads a small piece of shared state to every member (they receive it once). */
    public void spread(String topic, String payload) {
        Cluster current = cluster;
        if (current == null) {
            return;
        }
        Message message = Message.builder()
                .header(TOPIC, topic)
                .header(FROM, self.nodeId())
                .data(payload)
                .build();
        current.spreadGossip(message).subscribe(id -> {}, error -> log.debug("Gossip on {} not spread", topic, error));
    }

    /** Called with (topic, payload) for every gossip another member spreads. */
    public void onGossip(BiConsumer<String, String> listener) {
        gossipListeners.add(listener);
    }

    /** Called whenever a member joins, changes, leaves or is removed. */
    public void onChange(Consumer<MemberView> listener) {
        changeListeners.add(listener);
    }

    /** Leaves gracefully: the others remove this member at once, without waiting for detection. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        Cluster current = cluster;
        if (current != null) {
            current.shutdown();
            current.onShutdown().block(Duration.ofSeconds(10));
            cluster = null;
        }
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    private final class Handler implements ClusterMessageHandler {

        @Override
        public void onMembershipEvent(MembershipEvent event) {
            Member member = event.member();
            Instant now = clock.instant();
            Tracked tracked = members.compute(member.id(), (id, known) -> {
                Tracked next = known == null ? new Tracked(member, now) : known;
                next.lastHeard = now;
                if (event.isAdded() || event.isUpdated()) {
                    if (event.newMetadata() != null) {
                        next.metadata = JsonMetadataCodec.decode(event.newMetadata());
                    }
                    next.moveTo(MemberView.State.ALIVE, now);
                } else if (event.isLeaving()) {
                    next.moveTo(MemberView.State.LEAVING, now);
                } else if (event.isRemoved()) {
                    next.moveTo(MemberView.State.DEAD, now);
                }
                return next;
            });
            log.info("Cluster member {} ({}): {}", member.id(), member.address(), tracked.state);
            MemberView view = tracked.view();
            changeListeners.forEach(listener -> listener.accept(view));
        }

        @Override
        public void onGossip(Message gossip) {
            String from = gossip.header(FROM);
            String topic = gossip.header(TOPIC);
            if (from != null) {
                members.computeIfPresent(from, (id, known) -> {
                    known.lastHeard = clock.instant();
                    return known;
                });
            }
            if (topic == null || HEARTBEAT.equals(topic)) {
                return;
            }
            String payload = gossip.data();
            gossipListeners.forEach(listener -> {
                try {
                    listener.accept(topic, payload);
                } catch (RuntimeException e) {
                    log.warn("A listener failed on gossip {}", topic, e);
                }
            });
        }
    }

    private static final class Tracked {
        private final Member member;
        private volatile NodeMetadata metadata;
        private volatile MemberView.State state = MemberView.State.ALIVE;
        private volatile Instant since;
        private volatile Instant lastHeard;

        Tracked(Member member, Instant now) {
            this.member = member;
            this.since = now;
            this.lastHeard = now;
        }

        void moveTo(MemberView.State next, Instant now) {
            if (state != next) {
                state = next;
                since = now;
            }
        }

        MemberView view() {
            NodeMetadata known = metadata != null ? metadata : NodeMetadata.unknown(member.id());
            return new MemberView(member.id(), member.address(), state, known, since, lastHeard);
        }
    }
}
