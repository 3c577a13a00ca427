package pe.centinela.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import pe.centinela.operator.planning.KnownSettings;

/** docker-compose.yml and the Dockerfiles, checked without a Docker engine. */
class ContainerFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("centinela.repo.dir", ".."));
    private static final List<String> PLATFORM = List.of("ingest", "scoring", "alerts");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-change-me}");

    @Test
    void composeRunsKafkaPostgresAndTheThreeRolesFromOneImage() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKeys("kafka", "postgres", "ingest", "scoring", "alerts");
        assertThat(PLATFORM.stream().map(s -> services.get(s).get("image")).distinct())
                .hasSize(1);
        for (String role : PLATFORM) {
            assertThat(services.get(role).get("command")).as(role).isEqualTo(List.of("run", "--role", role));
        }
        assertThat(services.get("ingest")).containsKey("build");
    }

    @Test
    void composeCommandsFollowTheDockerfileEntrypoint() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains(
                        "ENTRYPOINT [\"java\"", "\"-jar\", \"/app/fraud.jar\"]", "CMD [\"run\", \"--role\", \"all\"]");
    }

    @Test
    void everyServiceHasAHealthcheck() throws Exception {
        services().forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPlatformVariableNamesARealSetting() throws Exception {
        for (String role : PLATFORM) {
            Map<String, Object> env = (Map<String, Object>) services().get(role).get("environment");
            assertThat(env.keySet())
                    .as(role)
                    .allMatch(k -> k.startsWith("FRAUD_"))
                    .isSubsetOf(KnownSettings.environmentVariables());
        }
    }

    @Test
    void noSecretIsWrittenDownBeyondTheDocumentedDefault() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher passwords =
                Pattern.compile("(?m)^\\s*[A-Z_]*PASSWORD[A-Z_]*:\\s*(.+)$").matcher(compose);
        int found = 0;
        while (passwords.find()) {
            found++;
            assertThat(passwords.group(1).trim()).matches(DEFAULTED);
        }
        assertThat(found).isPositive();
    }

    @Test
    void imagesRunAsNonRootFromMultiStageBuilds() throws Exception {
        for (String file : List.of("Dockerfile", "operator/Dockerfile")) {
            String text = Files.readString(ROOT.resolve(file));
            assertThat(text).as(file).contains(" AS build", "COPY --from=build", "USER 10001");
        }
        assertThat(Files.readString(ROOT.resolve("operator/Dockerfile")))
                .contains(
                        "ENTRYPOINT [\"java\", \"-XX:+ExitOnOutOfMemoryError\", \"-XX:MaxRAMPercentage=75\", \"-jar\", \"/operator/operator.jar\"]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
