package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                "--set", "sample.enabled=true", "--set", "sample.modelVersion=m1");
        assertThat(manifests).contains("kind: ServiceAccount", "kind: ClusterRole", "kind: ClusterRoleBinding", "kind: Deployment",
                "kind: FraudDetector", "runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                "- ALL", "version: \"m1\"");
        assertThat(manifests).doesNotContain("resources: [\"*\"]", "verbs: [\"*\"]");
    }

    @Test
    void sampleNeedsAModelVersion() {
        assertThatThrownBy(() -> Helm.run("template", "centinela", Helm.CHART.toString(), "--set", "sample.enabled=true"))
                .hasMessageContaining("sample.modelVersion is required");
    }
}
