package io.bulwark.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection to a loopback server for a load driver: requests are written
 * as prepared bytes, the answer's status is parsed and its body read (by {@code Content-Length} or
 * chunked) and dropped. It costs the driver a fraction of what {@code java.net.http.HttpClient}
 * does per request (no selector thread, no futures, no header maps), so a driver on the same cores
 * as the server takes less of them. Not thread-safe: one per worker. Reconnects after the server
 * closed the connection.
 */
public final class Http1Connection implements AutoCloseable {

  private final InetSocketAddress address;
  private final int timeoutMillis;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private final byte[] line = new byte[8192];

  /**
   * @param base the server ({@code http://127.0.0.1:8230}); loopback only
   * @param timeoutMillis the connect and read timeout
   */
  public Http1Connection(URI base, int timeoutMillis) {
    ClosedLoop.requireLoopback(base);
    if (!"http".equals(base.getScheme())) {
      throw new IllegalArgumentException("plain http only, not " + base.getScheme());
    }
    this.address = new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The bytes of a {@code GET} with the given headers, ready for {@link #exchange}.
   *
   * @param base the server, for the {@code Host} header
   * @param path the request target, already percent-encoded
   * @param headers name and value pairs
   */
  public static byte[] get(URI base, String path, String... headers) {
    return request("GET", base, path, new byte[0], headers);
  }

  /**
   * The bytes of a {@code POST} of a form body with the given headers, ready for {@link #exchange}.
   *
   * @param base the server, for the {@code Host} header
   * @param path the request target, already percent-encoded
   * @param form the {@code application/x-www-form-urlencoded} body, already encoded
   * @param headers name and value pairs
   */
  public static byte[] postForm(URI base, String path, String form, String... headers) {
    return post(
        base,
        path,
        "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.ISO_8859_1),
        headers);
  }

  /**
   * The bytes of a {@code POST} with the given headers, ready for {@link #exchange}.
   *
   * @param base the server, for the {@code Host} header
   * @param path the request target, already percent-encoded
   * @param contentType the body's media type
   * @param body the body
   * @param headers name and value pairs
   */
  public static byte[] post(
      URI base, String path, String contentType, byte[] body, String... headers) {
    String[] all = Arrays.copyOf(headers, headers.length + 4);
    all[headers.length] = "Content-Type";
    all[headers.length + 1] = contentType;
    all[headers.length + 2] = "Content-Length";
    all[headers.length + 3] = Integer.toString(body.length);
    return request("POST", base, path, body, all);
  }

  private static byte[] request(
      String method, URI base, String path, byte[] body, String... headers) {
    StringBuilder head = new StringBuilder(256 + path.length());
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(base.getAuthority()).append("\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("\r\n");
    byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = Arrays.copyOf(bytes, bytes.length + body.length);
    System.arraycopy(body, 0, request, bytes.length, body.length);
    return request;
  }

  /**
   * Sends one request and reads its whole answer.
   *
   * @return the answer's status code
   */
  public int exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket connected = new Socket();
    connected.setTcpNoDelay(true);
    connected.connect(address, timeoutMillis);
    connected.setSoTimeout(timeoutMillis);
    socket = connected;
    out = connected.getOutputStream();
    in = new BufferedInputStream(connected.getInputStream(), 16384);
  }

  private int readResponse() throws IOException {
    int length = readLine();
    // "HTTP/1.1 200 ..."
    if (length < 12 || line[8] != ' ') {
      throw new IOException("not an HTTP/1.1 status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long contentLength = -1;
    boolean chunked = false;
    boolean closes = false;
    while ((length = readLine()) > 0) {
      if (startsWithIgnoreCase(length, "content-length:")) {
        contentLength = Long.parseLong(value(length, "content-length:".length()));
      } else if (startsWithIgnoreCase(length, "transfer-encoding:")) {
        chunked = value(length, "transfer-encoding:".length()).equalsIgnoreCase("chunked");
      } else if (startsWithIgnoreCase(length, "connection:")) {
        closes = value(length, "connection:".length()).equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      long size;
      while ((size = Long.parseLong(firstToken(readLine()), 16)) > 0) {
        skip(size);
        readLine();
      }
      while (readLine() > 0) {
        // trailers
      }
    } else if (contentLength > 0) {
      skip(contentLength);
    }
    if (closes) {
      close();
    }
    return status;
  }

  /** Reads one line without its CRLF into {@link #line}; returns its length. */
  private int readLine() throws IOException {
    int length = 0;
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (b != '\r' && length < line.length) {
        line[length++] = (byte) b;
      }
    }
    return length;
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the body ended early");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private boolean startsWithIgnoreCase(int length, String prefix) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String value(int length, int from) {
    return new String(line, from, length - from, StandardCharsets.ISO_8859_1).trim();
  }

  private String firstToken(int length) {
    String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
    int extension = text.indexOf(';');
    return (extension < 0 ? text : text.substring(0, extension)).trim();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
