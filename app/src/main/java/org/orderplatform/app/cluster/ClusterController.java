package org.orderplatform.app.cluster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.orderplatform.cluster.MemberView;
import org.orderplatform.cluster.Membership;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The node's view of the cluster (the gossip membership of module {@code cluster}). */
@RestController
@ConditionalOnProperty(name = "orders.cluster.enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "Admin: cluster", description = "The members this node knows of, by gossip")
class ClusterController {

    private final Membership membership;

    ClusterController(Membership membership) {
        this.membership = membership;
    }

    @GetMapping(path = "/admin/cluster", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getCluster",
            summary = "The cluster as this node sees it",
            description = "Every member (this node first): its state (ALIVE, LEAVING, DEAD), metadata (HTTP"
                    + " address, track, version, readiness, roles), since when, and when it was last heard from."
                    + " The dead stay listed for a while after they went.")
    ClusterView cluster() {
        return new ClusterView(membership.self().nodeId(), membership.gossipAddress(), membership.members());
    }

    record ClusterView(String self, String gossipAddress, List<MemberView> members) {}
}
