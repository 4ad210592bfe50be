package dev.productupload.entrypoint.local;

import dev.productupload.entrypoint.http.ApiSettings;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of the local server. */
public record LocalServerOptions(int port, Path dataDir, ApiSettings settings) {

    public static final String USAGE =
            "usage: java -jar entrypoint-lambda-*-local.jar [--port 8080] [--data-dir DIR] [--max-file-bytes N]";

    public static LocalServerOptions parse(List<String> args) {
        int port = 8080;
        Path dataDir = null;
        ApiSettings settings = ApiSettings.defaults();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args.get(++i);
            switch (name) {
                case "--port":
                    port = number(name, value);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be 0-65535");
                    }
                    break;
                case "--data-dir":
                    dataDir = Path.of(value);
                    break;
                case "--max-file-bytes":
                    settings = new ApiSettings(number(name, value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new LocalServerOptions(port, dataDir, settings);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
        }
    }
}
