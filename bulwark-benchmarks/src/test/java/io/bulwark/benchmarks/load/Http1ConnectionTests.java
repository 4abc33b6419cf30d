package io.bulwark.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class Http1ConnectionTests {

  @Test
  void answersByLengthChunkedAndClosingAreReadWholeAndTheConnectionIsKeptOrRenewed()
      throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread serving =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  serve(server, requests);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
      byte[] request = Http1Connection.get(base, "/s/a%2Fb", "Authorization", "Bearer t");

      try (Http1Connection connection = new Http1Connection(base, 5_000)) {
        assertThat(connection.exchange(request)).isEqualTo(200);
        assertThat(connection.exchange(request)).isEqualTo(404);
        assertThat(connection.exchange(request)).isEqualTo(503);
        assertThat(connection.exchange(request)).as("on a new connection").isEqualTo(200);
      }
      serving.join(5_000);
    }
    assertThat(requests)
        .hasSize(4)
        .allMatch(r ->
            r.equals(
                "GET /s/a%2Fb HTTP/1.1\r\nHost: 127.0.0.1:"
                    + r.substring(r.indexOf("Host: 127.0.0.1:") + 16, r.indexOf("\r\nAuth"))
                    + "\r\nAuthorization: Bearer t\r\n\r\n"));
  }

  @Test
  void aFormPostCarriesItsTypeLengthAndBody() {
    byte[] request =
        Http1Connection.postForm(
            URI.create("http://127.0.0.1:8213"),
            "/t/system/oauth2/token",
            "grant_type=client_credentials",
            "Authorization",
            "Basic YTpi");

    assertThat(new String(request, StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "POST /t/system/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:8213\r\n"
                + "Authorization: Basic YTpi\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n"
                + "grant_type=client_credentials");
  }

  @Test
  void aJsonPostCountsItsLengthInBytesNotCharacters() {
    byte[] request =
        Http1Connection.post(
            URI.create("http://127.0.0.1:8213"),
            "/api/v1/tenants/bench/audit/events",
            "application/json",
            "{\"d\":\"é\"}".getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer t");

    assertThat(new String(request, StandardCharsets.UTF_8))
        .isEqualTo(
            "POST /api/v1/tenants/bench/audit/events HTTP/1.1\r\nHost: 127.0.0.1:8213\r\n"
                + "Authorization: Bearer t\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n"
                + "{\"d\":\"é\"}");
  }

  @Test
  void onlyLoopbackServersTakeLoad() {
    assertThatThrownBy(() -> new Http1Connection(URI.create("http://192.0.2.1:80"), 1_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Three answers on one connection (the last one closes it), then one on the next. */
  private static void serve(ServerSocket server, List<String> requests) throws IOException {
    try (Socket first = server.accept()) {
      answer(first, requests, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
      answer(
          first,
          requests,
          "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");
      answer(
          first, requests, "HTTP/1.1 503 Busy\r\nconnection: close\r\ncontent-length: 2\r\n\r\nno");
    }
    try (Socket second = server.accept()) {
      answer(second, requests, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }
  }

  private static void answer(Socket socket, List<String> requests, String response) {
    try {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed before the request ended");
        }
        request.write(b);
      }
      requests.add(request.toString(StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      out.write(response.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
