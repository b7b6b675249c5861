package org.esignonbridge;

import java.io.IOException;
import java.util.Arrays;

import org.esignonbridge.config.ExportApiInfoCommand;
import org.esignonbridge.routes.RouteFileValidator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

// no generated user: the admin signs in with the admin token or the company's provider (admin.AdminSecurity)
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class EsignonBridgeApplication {

    /**
     * Starts the product. Two commands run instead and exit: {@code export-api-info [--name=value ...]}
     * prints eSignon's block; {@code validate-routes [folder or file ...]} checks route files.
     */
    public static void main(String[] args) throws IOException {
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && ExportApiInfoCommand.NAME.equals(args[0])) {
            System.exit(ExportApiInfoCommand.run(rest, System.out, System.err));
        }
        if (args.length > 0 && "validate-routes".equals(args[0])) {
            // each file's throwaway Camel context would log its start and stop: only the problems matter
            LoggingSystem.get(EsignonBridgeApplication.class.getClassLoader()).setLogLevel("org.apache.camel", LogLevel.WARN);
            System.exit(RouteFileValidator.run(rest, System.out, System.err));
        }
        SpringApplication.run(EsignonBridgeApplication.class, args);
    }
}
