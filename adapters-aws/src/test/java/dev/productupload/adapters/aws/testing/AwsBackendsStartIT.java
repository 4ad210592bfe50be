package dev.productupload.adapters.aws.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsBackendsStartIT {

    private static List<ProcessHandle> s3proxies() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("s3proxy"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void whenDynaliteCannotStartTheS3ServerStartedBeforeItIsStoppedAgain() {
        // given: dynalite's folder missing, as before npm has installed it
        String dynalite = System.getProperty("dynalite.dir");
        List<ProcessHandle> before = s3proxies();
        System.setProperty("dynalite.dir", "target/no-dynalite-here");
        try {
            // when / then
            assertThatThrownBy(AwsBackends::start).hasMessageContaining("dynalite.dir");
            assertThat(s3proxies()).as("s3proxy processes left running").isEqualTo(before);
        } finally {
            System.setProperty("dynalite.dir", dynalite);
        }
    }
}
