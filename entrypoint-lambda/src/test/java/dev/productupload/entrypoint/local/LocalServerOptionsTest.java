package dev.productupload.entrypoint.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalServerOptionsTest {

    private static final List<String> AWS = List.of("--backend", "aws", "--region", "eu-west-1",
            "--bucket", "product-files", "--table", "products");

    private static List<String> aws(String option, String value) {
        List<String> args = new java.util.ArrayList<>(AWS);
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }
        return args;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bucket            | b1",
            "--bucket            | My-Files",
            "--bucket            | files-",
            "--bucket            | my..files",
            "--table             | t",
            "--table             | my table",
            "--region            | EU West",
            "--s3-endpoint       | ht^tp://x",
            "--s3-endpoint       | ftp://127.0.0.1:21",
            "--dynamodb-endpoint | 127.0.0.1:8000"})
    void refusesABadAwsValueNamingTheOptionOnOneLine(String option, String value) {
        assertThatThrownBy(() -> LocalServerOptions.parse(aws(option, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(option + " takes ")
                .hasMessageContaining("'" + value + "'")
                .satisfies(failure -> assertThat(failure.getMessage().lines()).hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port abc", "--port 70000", "--port", "--max-file-bytes 0", "--max-file-bytes x",
            "--max-staged-file-bytes 0", "--max-staged-file-bytes 5368709121",
            "--data-dir a\u0000b", "--backend cloud", "--bucket product-files", "--nope 1"})
    void refusesEveryOtherBadOptionWithOneLine(String args) {
        assertThatThrownBy(() -> LocalServerOptions.parse(Arrays.asList(args.split(" "))))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(failure -> assertThat(failure.getMessage().lines()).hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--s3-endpoint http://127.0.0.1:9000", "--dynamodb-endpoint https://dynamodb.eu-west-1.amazonaws.com",
            "--bucket my.product-files.2026", "--table Products_v2.prod-1"})
    void acceptsGoodAwsValues(String option) {
        String[] parts = option.split(" ");

        LocalServerOptions options = LocalServerOptions.parse(aws(parts[0], parts[1]));

        assertThat(options.aws()).isNotNull();
    }

    @Test
    void lowersTheStagedUploadLimitAndKeepsFiveGibibytesByDefault() {
        assertThat(LocalServerOptions.parse(List.of()).stagedLimits().maxSize()).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(LocalServerOptions.parse(List.of("--max-staged-file-bytes", "1048576")).stagedLimits().maxSize())
                .isEqualTo(1048576);
    }
}
