package org.orderplatform.command.order.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Objects;

/** Each SKU appears on one line only: a second line for a SKU is a quantity change, not a new line. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctSkus.Validator.class)
@interface DistinctSkus {

    String message() default "must not list a SKU on more than one line";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DistinctSkus, List<OrderLineRequest>> {
        @Override
        public boolean isValid(List<OrderLineRequest> lines, ConstraintValidatorContext context) {
            if (lines == null) {
                return true;
            }
            List<String> skus = lines.stream()
                    .filter(Objects::nonNull)
                    .map(OrderLineRequest::sku)
                    .toList();
            return skus.stream().distinct().count() == skus.size();
        }
    }
}
