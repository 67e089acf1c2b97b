package org.orderplatform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real members on loopback, one of them in a process of its own that is killed without notice.
 * The bound each test waits for is the configured detection time (ping, ping through others,
 * suspicion timeout) with room for a busy machine, not a guess.
 */
class GossipMembershipIT {

    /** suspicion: 2 x log2(3) rounded up x 200 ms = 0.8 s, after a missed ping (0.1-0.2 s) */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(10);

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable member : running) {
            member.close();
        }
    }

    @Test
    void aKilledMemberIsRemovedByAllAndSeenAgainWhenItRejoins() throws Exception {
        Membership a = member("a", List.of());
        Membership b = member("b", List.of(a.gossipAddress()));
        Process c = processMember("c", a.gossipAddress());
        await().atMost(DETECTION_BOUND)
                .until(() -> aliveIds(a).contains("c") && aliveIds(b).contains("c"));
        assertThat(aliveIds(a)).containsExactlyInAnyOrder("b", "c");

        c.destroyForcibly().waitFor(); // SIGKILL: no goodbye

        await().atMost(DETECTION_BOUND)
                .until(() -> state(a, "c").equals(Optional.of(MemberView.State.DEAD))
                        && state(b, "c").equals(Optional.of(MemberView.State.DEAD)));
        assertThat(aliveIds(a)).containsExactly("b");

        processMember("c", b.gossipAddress());
        await().atMost(DETECTION_BOUND)
                .until(() -> aliveIds(a).contains("c") && aliveIds(b).contains("c"));
    }

    @Test
    void aMemberThatLeavesIsRemovedAtOnceAndMetadataChangesSpread() {
        Membership a = member("a", List.of());
        Membership b = member("b", List.of(a.gossipAddress()));
        await().atMost(DETECTION_BOUND).until(() -> aliveIds(a).contains("b"));

        b.updateMetadata(metadata -> metadata.withReady(false).withHttpAddress("http://127.0.0.1:8081"));
        await().atMost(DETECTION_BOUND)
                .until(() -> a.alive().stream()
                        .anyMatch(member -> !member.metadata().ready()
                                && member.metadata().httpAddress().equals("http://127.0.0.1:8081")));

        b.close();
        // a goodbye needs no failure detection: well within one detection round
        await().atMost(DETECTION_BOUND).until(() -> !aliveIds(a).contains("b"));
        assertThat(state(a, "b")).isPresent().get().isNotEqualTo(MemberView.State.ALIVE);
    }

    @Test
    void gossipReachesEveryOtherMemberOnce() {
        Membership a = member("a", List.of());
        Membership b = member("b", List.of(a.gossipAddress()));
        Membership c = member("c", List.of(a.gossipAddress()));
        List<String> atB = new CopyOnWriteArrayList<>();
        List<String> atC = new CopyOnWriteArrayList<>();
        b.onGossip((topic, payload) -> atB.add(topic + "=" + payload));
        c.onGossip((topic, payload) -> atC.add(topic + "=" + payload));
        await().atMost(DETECTION_BOUND).until(() -> aliveIds(c).containsAll(List.of("a", "b")));

        a.spread("breaker", "endpoint-1:open");

        await().atMost(DETECTION_BOUND)
                .until(() -> atB.contains("breaker=endpoint-1:open") && atC.contains("breaker=endpoint-1:open"));
        assertThat(atB).containsOnlyOnce("breaker=endpoint-1:open");
        // heartbeats keep "last heard" fresh without reaching the listeners
        assertThat(atB).noneMatch(received -> received.startsWith("heartbeat"));
    }

    private Membership member(String id, List<String> seeds) {
        Membership member = new Membership(
                        ClusterSettings.loopback(seeds),
                        new NodeMetadata(id, "", "stable", "test", true, List.of("api")))
                .start();
        running.add(member);
        return member;
    }

    private Process processMember(String id, String seed) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ClusterMemberMain.class.getName(), id, seed)
                .redirectErrorStream(true)
                .start();
        running.add(process::destroyForcibly);
        var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("JOINED ")) {
            // its log, until it has joined
        }
        assertThat(line).as("the member process joined").isNotNull();
        // keep draining, or a full pipe would stall it
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}));
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static List<String> aliveIds(Membership member) {
        return member.alive().stream().map(MemberView::id).toList();
    }

    private static Optional<MemberView.State> state(Membership member, String id) {
        return member.members().stream()
                .filter(view -> view.id().equals(id))
                .map(MemberView::state)
                .findFirst();
    }
}
