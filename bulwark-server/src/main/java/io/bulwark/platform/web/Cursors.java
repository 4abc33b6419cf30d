package io.bulwark.platform.web;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Opaque pagination cursors: the position to continue after, base64url-encoded so that callers
 * treat it as a token rather than a value to construct.
 */
public final class Cursors {

  private Cursors() {}

  /**
   * @param position the position to continue after
   * @return the cursor
   */
  public static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param cursor a cursor from a previous page
   * @return the position it names
   * @throws ApiProblem 400 when the cursor is not one of ours
   */
  public static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /**
   * @return the problem answered for a cursor that was not issued by this API
   */
  public static ApiProblem invalid() {
    return new ApiProblem(
        ProblemType.INVALID_PARAMETER,
        "Parameter 'cursor' is not a cursor from a previous page",
        Map.of("parameter", "cursor"));
  }
}
