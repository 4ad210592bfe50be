package dev.productupload.entrypoint.lambda;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LambdaCompositionTest {

    private static double vCpus(String memoryMb) {
        return LambdaComposition.vCpus(memoryMb == null ? Map.of() : Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memoryMb));
    }

    @Test
    void aFunctionGetsOneVCpuOfTimeFor1769MbOfMemory() {
        assertThat(vCpus("1769")).isEqualTo(1.0);
        assertThat(vCpus("1024")).isCloseTo(0.58, within(0.01));
        assertThat(vCpus("3538")).isEqualTo(2.0);
        assertThat(vCpus("3537")).isLessThan(2.0);
        assertThat(vCpus("10240")).isCloseTo(5.79, within(0.01));
    }

    @Test
    void withoutAReadableMemorySizeTheFunctionIsTakenForOneWithLessThanTwoVCpus() {
        assertThat(vCpus(null)).isLessThan(2.0);
        assertThat(vCpus("lots")).isLessThan(2.0);
        assertThat(vCpus(" 4096 ")).isGreaterThan(2.0);
    }
}
