package trafficlight.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The JDK's PKIX trust manager, over only the certificate authorities that could have issued the
 * server's chain. Parsing every certificate of a system bundle (about 140, with their RSA keys)
 * cost a step far more CPU than its whole TLS handshake; finding the candidates needs only each
 * certificate's subject, read from its DER without parsing the rest. Validation, host-name checks
 * and their errors are the JDK's own.
 */
final class OnDemandTrustManager extends X509ExtendedTrustManager {

  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  /**
   * Base64 characters decoded to find a certificate's subject: ten 64-character PEM lines, 480
   * bytes of DER, which hold the subject of nearly every CA certificate; a longer one is decoded
   * whole.
   */
  private static final int SUBJECT_PREFIX = 10 * 65;

  private final List<Path> files;
  private final Supplier<X509Certificate[]> jdkAuthorities;
  private List<Candidate> certificates;

  /**
   * Trusts the certificates in {@code files}, plus {@code jdkAuthorities} (null: none), which are
   * looked at only when no certificate in the files could have issued the chain: loading the JDK's
   * list parses all of it, about as costly as the rest of a step's TLS.
   */
  OnDemandTrustManager(List<Path> files, Supplier<X509Certificate[]> jdkAuthorities) {
    this.files = List.copyOf(files);
    this.jdkAuthorities = jdkAuthorities;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    managerFor(chain).checkServerTrusted(chain, jdkAuthType(authType), socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    managerFor(chain).checkServerTrusted(chain, jdkAuthType(authType), engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    managerFor(chain).checkServerTrusted(chain, jdkAuthType(authType));
  }

  /**
   * The JDK's name for a key exchange: for TLS 1.3, whose key exchange does not depend on the
   * certificate, Conscrypt (BoringSSL's TLS) says "GENERIC" where the JDK's trust manager knows
   * only "UNKNOWN" and refuses anything else. With Conscrypt installed its own trust manager is the
   * default one and takes either; this keeps Conscrypt's sockets working over the JDK's.
   */
  private static String jdkAuthType(String authType) {
    return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** The JDK's trust manager over the trusted certificates named as an issuer in the chain. */
  private X509ExtendedTrustManager managerFor(X509Certificate[] chain) throws CertificateException {
    List<X500Principal> issuers = new ArrayList<>();
    for (X509Certificate cert : chain) {
      issuers.add(cert.getIssuerX500Principal());
    }
    List<X509Certificate> anchors = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Candidate> named = namedIn(issuers, false);
    if (named.isEmpty()) {
      named = namedIn(issuers, true);
    }
    for (Candidate candidate : named) {
      byte[] der = candidate.der();
      if (der != null) {
        anchors.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    }
    if (anchors.isEmpty() && jdkAuthorities != null) {
      for (X509Certificate ca : jdkAuthorities.get()) {
        if (issuers.contains(ca.getSubjectX500Principal())) {
          anchors.add(ca);
        }
      }
    }
    if (anchors.isEmpty()) {
      // the JDK's own words for it, as its trust manager would say
      throw new CertificateException(
          "PKIX path building failed: no trusted certificate authority is named "
              + issuers.get(issuers.size() - 1).getName(),
          new CertPathBuilderException(
              "unable to find valid certification path to requested target"));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("ca-" + n++, anchor);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager manager : tmf.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new CertificateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new CertificateException("cannot set up the trust store: " + e.getMessage(), e);
    }
  }

  /**
   * The certificates whose subject is one of {@code issuers}: byte for byte, which is how issuers
   * are written; or, with {@code canonically}, as equal names in another encoding (X500Principal
   * compares canonical forms), which costs parsing every name and so is only the fallback.
   */
  private List<Candidate> namedIn(List<X500Principal> issuers, boolean canonically) {
    List<byte[]> encoded = new ArrayList<>();
    for (X500Principal issuer : issuers) {
      encoded.add(issuer.getEncoded());
    }
    List<Candidate> named = new ArrayList<>();
    for (Candidate candidate : certificates()) {
      byte[] subject = candidate.subject();
      if (subject == null) {
        continue;
      }
      boolean match = false;
      for (byte[] issuer : encoded) {
        match |= Arrays.equals(subject, issuer);
      }
      if (!match && canonically) {
        try {
          match = issuers.contains(new X500Principal(subject));
        } catch (IllegalArgumentException unreadable) {
          // not a name
        }
      }
      if (match) {
        named.add(candidate);
      }
    }
    return named;
  }

  /**
   * A certificate in one of the files: where its PEM text is (or its DER, for a DER file) and the
   * DER of its subject. Only the certificates that could have issued the chain are decoded whole.
   */
  private record Candidate(String pem, int from, int to, byte[] wholeDer, byte[] subject) {

    static Candidate ofDer(byte[] der) {
      return new Candidate(null, 0, 0, der, subjectOf(der));
    }

    /** The block of base64 between {@code from} and {@code to} in {@code pem}; null if damaged. */
    static Candidate ofPem(String pem, int from, int to) {
      if (from + SUBJECT_PREFIX < to) {
        int prefixEnd = pem.lastIndexOf('\n', from + SUBJECT_PREFIX);
        byte[] subject = prefixEnd > from ? subjectOf(decode(pem, from, prefixEnd)) : null;
        if (subject != null) {
          return new Candidate(pem, from, to, null, subject);
        }
      }
      byte[] der = decode(pem, from, to);
      return der == null ? null : new Candidate(null, 0, 0, der, subjectOf(der));
    }

    /** The whole certificate's DER; null if its base64 is damaged. */
    byte[] der() {
      return wholeDer != null ? wholeDer : decode(pem, from, to);
    }

    private static byte[] decode(String pem, int from, int to) {
      try {
        return Base64.getMimeDecoder().decode(pem.substring(from, to));
      } catch (IllegalArgumentException damaged) {
        return null;
      }
    }
  }

  /** Every certificate in the files, found once; unreadable files and blocks are skipped. */
  private synchronized List<Candidate> certificates() {
    if (certificates == null) {
      List<Candidate> all = new ArrayList<>();
      for (Path file : files) {
        try {
          byte[] bytes = Files.readAllBytes(file);
          if (bytes.length > 0 && bytes[0] == 0x30) {
            all.add(Candidate.ofDer(bytes)); // a DER certificate
            continue;
          }
          String pem = new String(bytes, StandardCharsets.ISO_8859_1);
          for (int begin = pem.indexOf(BEGIN); begin >= 0; begin = pem.indexOf(BEGIN, begin + 1)) {
            int end = pem.indexOf(END, begin);
            if (end < 0) {
              break;
            }
            Candidate candidate = Candidate.ofPem(pem, begin + BEGIN.length(), end);
            if (candidate != null) {
              all.add(candidate);
            }
          }
        } catch (IOException unreadable) {
          // a README, a link to a missing file: skip it
        }
      }
      certificates = all;
    }
    return certificates;
  }

  /**
   * The DER of a certificate's subject name: Certificate ::= SEQUENCE { tbsCertificate SEQUENCE {
   * [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... } ... }. Null if
   * the bytes are not shaped like that.
   */
  static byte[] subjectOf(byte[] der) {
    try {
      int[] cert = element(der, 0);
      int[] tbs = element(der, cert[1]);
      int at = tbs[1];
      if ((der[at] & 0xff) == 0xa0) {
        at = end(der, at);
      }
      for (int skip = 0; skip < 4; skip++) { // serial, signature, issuer, validity
        at = end(der, at);
      }
      return Arrays.copyOfRange(der, at, end(der, at));
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /** {tag offset, content offset} of the constructed element at {@code at}. */
  private static int[] element(byte[] der, int at) {
    if ((der[at] & 0x20) == 0) {
      throw new IllegalArgumentException("not a constructed element");
    }
    return new int[] {at, contentStart(der, at)};
  }

  private static int contentStart(byte[] der, int at) {
    int first = der[at + 1] & 0xff;
    return first < 0x80 ? at + 2 : at + 2 + (first & 0x7f);
  }

  /** The offset just past the element at {@code at}. */
  private static int end(byte[] der, int at) {
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return at + 2 + first;
    }
    int count = first & 0x7f;
    if (count == 0 || count > 4) {
      throw new IllegalArgumentException("unsupported length");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xff);
    }
    int end = at + 2 + count + length;
    if (length < 0 || end > der.length) {
      throw new IllegalArgumentException("truncated");
    }
    return end;
  }
}
