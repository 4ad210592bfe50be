import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the trust store of the custom-runtime package: from the JDK's trust store, only the roots that S3 and
 * DynamoDB endpoints chain to. Their certificates are issued by Amazon Trust Services, whose roots are Amazon Root
 * CA 1 to 4, cross-signed by Starfield Services Root Certificate Authority - G2
 * (https://aws.amazon.com/blogs/security/how-to-prepare-for-aws-move-to-its-own-certificate-authority/;
 * S3 finished its move in June 2022, DynamoDB before it:
 * https://repost.aws/knowledge-center/s3-cloudfront-certificate-migration). Loading the JDK's whole store of about
 * 140 roots is most of the cost of building an HTTP client at start-up (docs/benchmarks.md).
 *   java TrustedRoots.java SOURCE_STORE TARGET_STORE
 * Fails when one of the roots is not in the source store.
 */
public final class TrustedRoots {

    static final List<String> SUBJECTS = List.of(
            "CN=Amazon Root CA 1, O=Amazon, C=US",
            "CN=Amazon Root CA 2, O=Amazon, C=US",
            "CN=Amazon Root CA 3, O=Amazon, C=US",
            "CN=Amazon Root CA 4, O=Amazon, C=US",
            "CN=Starfield Services Root Certificate Authority - G2, O=\"Starfield Technologies, Inc.\", L=Scottsdale, "
                    + "ST=Arizona, C=US");

    public static void main(String[] args) throws Exception {
        KeyStore source = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            source.load(in, null);
        }
        Map<String, X509Certificate> found = new TreeMap<>();
        for (String alias : Collections.list(source.aliases())) {
            if (source.getCertificate(alias) instanceof X509Certificate certificate
                    && SUBJECTS.contains(certificate.getSubjectX500Principal().getName("RFC1779"))) {
                found.put(certificate.getSubjectX500Principal().getName("RFC1779"), certificate);
            }
        }
        if (found.size() != SUBJECTS.size()) {
            List<String> missing = SUBJECTS.stream().filter(subject -> !found.containsKey(subject)).toList();
            throw new IllegalStateException(args[0] + " lacks the roots " + missing);
        }
        KeyStore target = KeyStore.getInstance("JKS");
        target.load(null, null);
        int index = 0;
        for (X509Certificate certificate : found.values()) {
            target.setCertificateEntry("amazon-trust-" + index++, certificate);
        }
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            target.store(out, "changeit".toCharArray());
        }
        System.out.println("trust store: " + found.size() + " roots of " + source.size() + " -> " + args[1]);
    }
}
