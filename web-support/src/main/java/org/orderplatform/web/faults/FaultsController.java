package org.orderplatform.web.faults;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sets, shows and clears the fault this node injects (admin scope; only with faults enabled). */
@RestController
@ConditionalOnProperty(name = "orders.faults.enabled", havingValue = "true")
@RequestMapping(path = FaultsController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: faults", description = "Injected faults for canary and chaos tests (orders.faults.enabled)")
class FaultsController {

    static final String PATH = "/admin/faults";

    private final InjectedFaults faults;

    FaultsController(InjectedFaults faults) {
        this.faults = faults;
    }

    @GetMapping
    @Operation(operationId = "getFault", summary = "The fault this node injects now (404: none)")
    ResponseEntity<Fault> current() {
        return ResponseEntity.of(faults.current());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "injectFault", summary = "Inject a fault, replacing any before it")
    Fault inject(@RequestBody Fault fault) {
        Fault complete = fault.complete();
        faults.inject(complete);
        return complete;
    }

    @DeleteMapping(produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "clearFault", summary = "Stop injecting faults (readiness back UP if the fault took it)")
    void clear() {
        faults.clear();
    }
}
