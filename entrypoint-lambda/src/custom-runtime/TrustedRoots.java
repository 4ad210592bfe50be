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
 * Writes the package's trust store for S3's and DynamoDB's default endpoints in the aws partition: from the JDK's
 * trust store, only the roots of Amazon Trust Services, Amazon Root CA 1 to 4, and Starfield Services Root
 * Certificate Authority - G2, which cross-signs them
 * (https://aws.amazon.com/blogs/security/how-to-prepare-for-aws-move-to-its-own-certificate-authority/). S3's default
 * endpoints serve certificates from Amazon Trust Services since June 2022
 * (https://aws.amazon.com/blogs/storage/reminder-amazon-s3-and-amazon-cloudfront-migrating-service-certificates-to-amazon-trust-services-starting-march-23-2021/),
 * DynamoDB's since before (https://repost.aws/knowledge-center/s3-cloudfront-certificate-migration). bootstrap uses
 * it only there; other partitions, FIPS and dual-stack endpoints keep the JDK's roots. Loading the JDK's 144 roots
 * cost 40 ms of every start (docs/benchmarks.md).
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
