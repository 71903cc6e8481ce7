package trafficlight.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's private key: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub hands it out)
 * or PKCS#8 ({@code BEGIN PRIVATE KEY}). Error messages never repeat any of the key's text.
 */
public final class PemPrivateKey {

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1?PRIVATE KEY-----");

  /** DER header of a PKCS#8 PrivateKeyInfo for rsaEncryption, before the PKCS#1 key. */
  private static final byte[] RSA_ALGORITHM = {
    0x02,
    0x01,
    0x00, // version 0
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00 // AlgorithmIdentifier rsaEncryption, NULL
  };

  private PemPrivateKey() {}

  /**
   * @throws IllegalArgumentException when the text is not a complete, valid PEM RSA private key
   */
  public static PrivateKey parse(String pem) {
    Matcher m = PEM.matcher(pem.replace("\\n", "\n"));
    if (!m.find()) {
      throw new IllegalArgumentException(
          "private_ssh_key is not a PEM RSA private key: paste the whole .pem file GitHub gave"
              + " you, from -----BEGIN RSA PRIVATE KEY----- to -----END RSA PRIVATE KEY-----");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 = m.group(1) != null ? wrapPkcs1(der) : der;
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "private_ssh_key is damaged or truncated: the PEM block does not hold a valid RSA key;"
              + " paste the whole .pem file again");
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version, algorithm, OCTET STRING pkcs1 }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream octets = new ByteArrayOutputStream();
    octets.write(0x04);
    writeLength(octets, pkcs1.length);
    octets.writeBytes(pkcs1);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(RSA_ALGORITHM);
    content.writeBytes(octets.toByteArray());
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    sequence.write(0x30);
    writeLength(sequence, content.size());
    sequence.writeBytes(content.toByteArray());
    return sequence.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
  }
}
