package org.orderplatform.cluster;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A member in a process of its own, so that a test can kill it without a goodbye (SIGKILL). It
 * prints its gossip address once it has joined, then runs until killed.
 */
public final class ClusterMemberMain {

    private ClusterMemberMain() {}

    public static void main(String[] args) throws InterruptedException {
        String nodeId = args[0];
        String seed = args[1];
        Membership member = new Membership(
                        ClusterSettings.loopback(List.of(seed)),
                        new NodeMetadata(nodeId, "", "stable", "test", true, List.of("api")))
                .start();
        System.out.println("JOINED " + member.gossipAddress());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
