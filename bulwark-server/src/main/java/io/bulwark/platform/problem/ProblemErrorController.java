package io.bulwark.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers every error that reaches the servlet container's error page, whoever raised it: {@code
 * sendError} calls from Spring Security's authorization server (its authorization endpoint answers
 * a request that names no valid client or redirect URI this way, as RFC 6749 §4.1.2.1 forbids a
 * redirect), Tomcat's own rejections (an unparseable query string) and exceptions thrown outside
 * Spring MVC. API clients get problem+json; a browser (an {@code Accept} that names {@code
 * text/html}) gets a small HTML page with the same title. Never a stack trace or an exception
 * message: only the authorization server's error codes, which name a parameter and nothing else,
 * are shown as the detail.
 */
@Controller
final class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  /** What Spring's authorization server passes to {@code sendError}: "[code] OAuth 2.0 …". */
  private static final Pattern OAUTH_ERROR =
      Pattern.compile("\\[[a-z_]{1,64}\\] [A-Za-z0-9 .:_-]{0,200}");

  private final ProblemResponseWriter problems;

  ProblemErrorController(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemType type = typeOf(status(request));
    if (type == ProblemType.INTERNAL_ERROR
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
      log.error("Request failed outside the API's handlers", failure);
    }
    String detail = detail(request, type);
    if (wantsHtml(request)) {
      page(response, type, detail);
      return;
    }
    problems.write(response, Problems.of(type, detail));
  }

  private static int status(HttpServletRequest request) {
    return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
        ? code
        : HttpStatus.INTERNAL_SERVER_ERROR.value();
  }

  private static ProblemType typeOf(int status) {
    return switch (status) {
      case 400 -> ProblemType.MALFORMED_REQUEST;
      case 401 -> ProblemType.UNAUTHENTICATED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.SERVER_OVERLOADED;
      default ->
          status >= 400 && status < 500
              ? ProblemType.MALFORMED_REQUEST
              : ProblemType.INTERNAL_ERROR;
    };
  }

  private static String detail(HttpServletRequest request, ProblemType type) {
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    if (message instanceof String text && OAUTH_ERROR.matcher(text).matches()) {
      return text;
    }
    return switch (type) {
      case MALFORMED_REQUEST -> "The request could not be parsed";
      case NOT_FOUND -> "Nothing is served at this path";
      case INTERNAL_ERROR -> "The server failed to answer the request";
      default -> type.title();
    };
  }

  private static boolean wantsHtml(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null
        && Arrays.stream(accept.split(","))
            .map(range -> range.split(";", 2)[0].strip())
            .anyMatch(MediaType.TEXT_HTML_VALUE::equalsIgnoreCase);
  }

  private static void page(HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    String title = HtmlUtils.htmlEscape(type.title(), "UTF-8");
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + title
            + "</title></head><body><main><h1>"
            + title
            + "</h1>"
            + "<p id=\"detail\">"
            + HtmlUtils.htmlEscape(detail, "UTF-8")
            + "</p>"
            + "</main></body></html>";
    response.setStatus(type.status().value());
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }
}
