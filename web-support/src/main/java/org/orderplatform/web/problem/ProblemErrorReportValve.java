package org.orderplatform.web.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat answers some requests before any servlet sees them (an unparsable URL, a bad header),
 * with an HTML page of its own. This valve writes those as problems too. It only fills responses
 * that have no body yet, so everything the application already answered passes untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = StandardProblem.forStatus(status);
        if (type == null) {
            type = status >= 500 ? StandardProblem.INTERNAL_ERROR : StandardProblem.MALFORMED_REQUEST;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title()
                        + "\",\"status\":" + status + ",\"detail\":\""
                        + type.description().replace("\"", "\\\"")
                        + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already committed: nothing left to tell
        }
    }
}
