package org.orderplatform.web.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.List;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Applies the {@link TextRule} to every JSON request body, before Jackson binds it: any
 * {@code @RequestBody} of any controller, whatever its type, so a new endpoint or field is
 * covered without doing anything. It reads the raw document rather than the bound object, so it
 * also sees strings that end up in lists, maps or types other than {@code String}, and field
 * names. Bodies are already bounded by the request size limit, so holding one in memory is cheap.
 */
@ControllerAdvice
class TextBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        MediaType contentType = input.getHeaders().getContentType();
        Charset charset = contentType == null ? null : contentType.getCharset();
        List<Problems.FieldError> errors = JsonTextScan.scan(body, charset);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation(errors));
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
