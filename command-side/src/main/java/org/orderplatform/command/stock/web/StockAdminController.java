package org.orderplatform.command.stock.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.orderplatform.api.stock.AddStockCommand;
import org.orderplatform.api.stock.RegisterProductCommand;
import org.orderplatform.api.stock.StockIds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/admin/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Stock admin", description = "Register products and add stock")
@SecurityRequirement(name = "apiKey")
class StockAdminController {

    private final CommandGateway commands;
    private final StockReader stock;

    StockAdminController(CommandGateway commands, StockReader stock) {
        this.commands = commands;
        this.stock = stock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "registerProduct",
            summary = "Register a product",
            description = "201; 409 if the SKU is registered already.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Registered: its stock",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            required = true,
                            description = "The product's stock",
                            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(responseCode = "409", description = "A product with this SKU is registered already")
    ResponseEntity<StockView> register(@Valid @RequestBody RegisterProductRequest request) {
        String stockId = StockIds.of(request.sku());
        commands.sendAndWait(new RegisterProductCommand(stockId, request.sku(), request.name()));
        if (request.initialStock() != null && request.initialStock() > 0) {
            commands.sendAndWait(new AddStockCommand(stockId, request.sku(), request.initialStock()));
        }
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{sku}")
                .buildAndExpand(request.sku())
                .toUri();
        return ResponseEntity.created(location).body(stock.of(request.sku()));
    }

    @PostMapping(path = "/{sku}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "addStock", summary = "Add received units", description = "404 for an unknown SKU.")
    StockView add(@PathVariable String sku, @Valid @RequestBody AddStockRequest request) {
        commands.sendAndWait(new AddStockCommand(StockIds.of(sku), sku, request.quantity()));
        return stock.of(sku);
    }

    @GetMapping("/{sku}")
    @Operation(
            operationId = "getProduct",
            summary = "A product's stock",
            description = "Read from the write model: exact, not eventually consistent.")
    StockView get(@PathVariable String sku) {
        return stock.of(sku);
    }
}
