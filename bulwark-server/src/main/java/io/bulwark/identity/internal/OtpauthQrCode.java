package io.bulwark.identity.internal;

import io.nayuki.qrcodegen.QrCode;

/**
 * The {@code otpauth://} URI of a TOTP enrollment as a QR code, drawn as inline SVG markup: one
 * path of unit squares, no script and no style, so the login pages' Content-Security-Policy holds.
 * Error correction level M, the usual choice for authenticator apps' scanners.
 */
final class OtpauthQrCode {

  /** The quiet zone around the symbol, in modules (ISO/IEC 18004 §6.3.8 asks for four). */
  static final int BORDER = 4;

  private OtpauthQrCode() {}

  static QrCode encode(String otpauthUri) {
    return QrCode.encodeText(otpauthUri, QrCode.Ecc.MEDIUM);
  }

  /**
   * @return an {@code <svg>} element (with {@code id="qr"}) drawing the URI's QR code; the URI
   *     itself is not in the markup
   */
  static String svg(String otpauthUri) {
    QrCode code = encode(otpauthUri);
    int side = code.size + 2 * BORDER;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        if (code.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg id=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
        + " aria-label=\"QR code of the link below\" width=\"240\" height=\"240\""
        + " viewBox=\"0 0 "
        + side
        + " "
        + side
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
