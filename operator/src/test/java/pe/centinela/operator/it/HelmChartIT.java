package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** helm lint and helm template of the chart, with the helm binary scripts/kube-test-env provides. */
class HelmChartIT {

    @Test
    void chartPassesStrictLint() throws Exception {
        assertThat(Helm.run("lint", "--strict", Helm.CHART.toString())).contains("0 chart(s) failed");
    }

    @Test
    void templateRendersARestrictedOperatorAndTheSample() throws Exception {
        String manifests = Helm.run("template", "centinela", Helm.CHART.toString(), "--namespace", "fraud",
                "--set", "sample.enabled=true", "--set", "sample.modelVersion=m1", "--set", "sample.modelTrustedKeys[0]=" + KEY);
        assertThat(manifests).contains("trustedKeys:\n      - " + KEY);
        assertThat(manifests).contains("kind: ServiceAccount", "kind: ClusterRole", "kind: ClusterRoleBinding", "kind: Deployment",
                "kind: FraudDetector", "runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                "- ALL", "version: \"m1\"");
        assertThat(manifests).doesNotContain("resources: [\"*\"]", "verbs: [\"*\"]");
    }

    /** The least the operator needs; FraudDetectorOperatorIT runs it as this role and checks that nothing was refused. */
    @Test
    void operatorRoleGrantsExactlyWhatTheOperatorUses() throws Exception {
        String manifests = Helm.run("template", "centinela", Helm.CHART.toString(), "--namespace", "fraud");
        List<ClusterRole> roles = Arrays.stream(manifests.split("(?m)^---$")).filter(d -> d.contains("\nkind: ClusterRole\n"))
                .map(d -> new KubernetesSerialization().unmarshal(d, ClusterRole.class)).toList();
        assertThat(roles).hasSize(1);
        assertThat(manifests).doesNotContain("kind: Role\n");
        assertThat(roles.get(0).getRules().stream().map(HelmChartIT::describe)).containsExactly(
                "centinela.pe frauddetectors: list watch",
                "centinela.pe frauddetectors/status: patch",
                "apps deployments: list watch create patch delete",
                " configmaps services: list watch create update",
                " secrets: get");
        assertThat(roles.get(0).getRules()).allSatisfy(r -> assertThat(r.getResourceNames()).isNullOrEmpty());
    }

    private static String describe(PolicyRule rule) {
        return String.join(" ", rule.getApiGroups()) + " " + String.join(" ", rule.getResources()) + ": " + String.join(" ", rule.getVerbs());
    }

    @Test
    void sampleNeedsAModelVersion() {
        assertThatThrownBy(() -> Helm.run("template", "centinela", Helm.CHART.toString(), "--set", "sample.enabled=true"))
                .hasMessageContaining("sample.modelVersion is required");
        assertThatThrownBy(() -> Helm.run("template", "centinela", Helm.CHART.toString(), "--set", "sample.enabled=true",
                "--set", "sample.modelVersion=m1")).hasMessageContaining("sample.modelTrustedKeys is required");
    }

    private static final String KEY = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
}
