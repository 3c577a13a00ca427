package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
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
        String manifests = Helm.run(
                "template",
                "centinela",
                Helm.CHART.toString(),
                "--namespace",
                "fraud",
                "--set",
                "sample.enabled=true",
                "--set",
                "sample.modelVersion=m1",
                "--set",
                "sample.modelTrustedKeys[0]=" + KEY);
        assertThat(manifests).contains("trustedKeys:\n      - " + KEY);
        assertThat(manifests)
                .contains(
                        "kind: ServiceAccount",
                        "kind: ClusterRole",
                        "kind: ClusterRoleBinding",
                        "kind: Deployment",
                        "kind: FraudDetector",
                        "runAsNonRoot: true",
                        "readOnlyRootFilesystem: true",
                        "allowPrivilegeEscalation: false",
                        "- ALL",
                        "version: \"m1\"");
        assertThat(manifests).doesNotContain("resources: [\"*\"]", "verbs: [\"*\"]");
    }

    /** The least the operator needs; FraudDetectorOperatorIT runs it as this role and checks that nothing was refused. */
    private static final List<String> OPERATOR_RULES = List.of(
            "centinela.pe frauddetectors: list watch",
            "centinela.pe frauddetectors/status: patch",
            "apps deployments: list watch create patch delete",
            "networking.k8s.io networkpolicies: list watch create patch",
            " configmaps services: list watch create update",
            " secrets: get");

    @Test
    void watchingAllNamespacesTheOperatorGetsAClusterRoleGrantingExactlyWhatItUses() throws Exception {
        String manifests = Helm.run("template", "centinela", Helm.CHART.toString(), "--namespace", "fraud");
        List<ClusterRole> roles = documents(manifests, "ClusterRole", ClusterRole.class);
        assertThat(roles).hasSize(1);
        assertThat(documents(manifests, "ClusterRoleBinding", ClusterRoleBinding.class))
                .singleElement()
                .satisfies(b -> assertThat(b.getSubjects()).singleElement().satisfies(sub -> {
                    assertThat(sub.getName()).isEqualTo("centinela-fraud-detector");
                    assertThat(sub.getNamespace()).isEqualTo("fraud");
                }));
        assertThat(documents(manifests, "Role", Role.class)).isEmpty();
        assertThat(documents(manifests, "RoleBinding", RoleBinding.class)).isEmpty();
        assertThat(roles.get(0).getRules().stream().map(HelmChartIT::describe))
                .containsExactlyElementsOf(OPERATOR_RULES);
        assertThat(roles.get(0).getRules())
                .allSatisfy(r -> assertThat(r.getResourceNames()).isNullOrEmpty());
    }

    @Test
    void watchingNamedNamespacesTheOperatorGetsARoleInEachAndNothingClusterWide() throws Exception {
        String manifests = Helm.run(
                "template",
                "centinela",
                Helm.CHART.toString(),
                "--namespace",
                "fraud",
                "--set",
                "operator.watchNamespaces=bank\\, risk");
        assertThat(documents(manifests, "ClusterRole", ClusterRole.class)).isEmpty();
        assertThat(documents(manifests, "ClusterRoleBinding", ClusterRoleBinding.class))
                .isEmpty();
        List<Role> roles = documents(manifests, "Role", Role.class);
        assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("bank", "risk");
        assertThat(roles).allSatisfy(r -> {
            assertThat(r.getRules().stream().map(HelmChartIT::describe)).containsExactlyElementsOf(OPERATOR_RULES);
            assertThat(r.getRules())
                    .allSatisfy(rule -> assertThat(rule.getResourceNames()).isNullOrEmpty());
        });
        assertThat(documents(manifests, "RoleBinding", RoleBinding.class))
                .extracting(b -> b.getMetadata().getNamespace() + " "
                        + b.getRoleRef().getKind() + "/" + b.getRoleRef().getName() + " -> "
                        + b.getSubjects().get(0).getNamespace() + "/"
                        + b.getSubjects().get(0).getName())
                .containsExactly(
                        "bank Role/centinela-fraud-detector -> fraud/centinela-fraud-detector",
                        "risk Role/centinela-fraud-detector -> fraud/centinela-fraud-detector");
        assertThat(manifests).contains("name: WATCH_NAMESPACES\n              value: \"bank, risk\"");
    }

    @Test
    void operatorGetsTheAllowedImagePrefixesAndTheChartRefusesToRenderWithoutAny() throws Exception {
        assertThat(Helm.run("template", "centinela", Helm.CHART.toString()))
                .contains("name: ALLOWED_IMAGE_PREFIXES\n              value: \"ghcr.io/centinela/\"");
        assertThatThrownBy(() -> Helm.run(
                        "template", "centinela", Helm.CHART.toString(), "--set", "operator.allowedImagePrefixes="))
                .hasMessageContaining("operator.allowedImagePrefixes is required");
    }

    @Test
    void sampleCarriesItsNetworkPolicySettings() throws Exception {
        String manifests = Helm.run(
                "template",
                "centinela",
                Helm.CHART.toString(),
                "--set",
                "sample.enabled=true",
                "--set",
                "sample.modelVersion=m1",
                "--set",
                "sample.modelTrustedKeys[0]=" + KEY,
                "--set",
                "sample.networkPolicy.postgresTo[0].ipBlock.cidr=10.20.0.0/24");
        assertThat(manifests).contains("  networkPolicy:\n    postgresTo:\n    - ipBlock:\n        cidr: 10.20.0.0/24");
    }

    private static <T> List<T> documents(String manifests, String kind, Class<T> type) {
        return Arrays.stream(manifests.split("(?m)^---$"))
                .filter(d -> d.contains("\nkind: " + kind + "\n"))
                .map(d -> new KubernetesSerialization().unmarshal(d, type))
                .toList();
    }

    private static String describe(PolicyRule rule) {
        return String.join(" ", rule.getApiGroups()) + " " + String.join(" ", rule.getResources()) + ": "
                + String.join(" ", rule.getVerbs());
    }

    @Test
    void sampleNeedsAModelVersion() {
        assertThatThrownBy(
                        () -> Helm.run("template", "centinela", Helm.CHART.toString(), "--set", "sample.enabled=true"))
                .hasMessageContaining("sample.modelVersion is required");
        assertThatThrownBy(() -> Helm.run(
                        "template",
                        "centinela",
                        Helm.CHART.toString(),
                        "--set",
                        "sample.enabled=true",
                        "--set",
                        "sample.modelVersion=m1"))
                .hasMessageContaining("sample.modelTrustedKeys is required");
    }

    private static final String KEY = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
}
