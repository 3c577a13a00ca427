package pe.centinela.operator.planning;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorSpec;
import pe.centinela.operator.crd.KafkaSpec;
import pe.centinela.operator.crd.ModelSpec;
import pe.centinela.operator.crd.PostgresSpec;
import pe.centinela.operator.crd.SecretKeyReference;

final class Detectors {

    private Detectors() {}

    static FraudDetector detector(String version) {
        FraudDetector fd = new FraudDetector();
        fd.setMetadata(new ObjectMetaBuilder()
                .withName("fraud")
                .withNamespace("bank")
                .withGeneration(3L)
                .build());
        FraudDetectorSpec spec = new FraudDetectorSpec();
        spec.setImage("ghcr.io/centinela/fraud:0.1.0");
        ModelSpec model = new ModelSpec();
        model.setVersion(version);
        model.setAlertThreshold(0.8);
        spec.setModel(model);
        KafkaSpec kafka = new KafkaSpec();
        kafka.setBootstrapServers("kafka:9092");
        spec.setKafka(kafka);
        PostgresSpec pg = new PostgresSpec();
        pg.setHost("postgres");
        pg.setPasswordSecret(new SecretKeyReference("pg", "password"));
        spec.setPostgres(pg);
        fd.setSpec(spec);
        return fd;
    }
}
