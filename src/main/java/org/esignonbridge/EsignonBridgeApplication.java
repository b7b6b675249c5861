package org.esignonbridge;

import java.util.Arrays;

import org.esignonbridge.config.ExportApiInfoCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EsignonBridgeApplication {

    /** Starts the product; {@code export-api-info [--name=value ...]} only prints eSignon's block and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && ExportApiInfoCommand.NAME.equals(args[0])) {
            System.exit(ExportApiInfoCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(EsignonBridgeApplication.class, args);
    }
}
