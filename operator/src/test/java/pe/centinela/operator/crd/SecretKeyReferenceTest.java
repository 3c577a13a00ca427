package pe.centinela.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The check the reconciler makes before it asks for a Secret, whatever the schema let through. */
class SecretKeyReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "postgres, password, true",
        "fraud-postgres.v2, db_password.txt, true",
        "../../other/secrets/postgres, password, false",
        "other/postgres, password, false",
        "postgres/.., password, false",
        "'postgres?x=1', password, false",
        "Postgres, password, false",
        "'', password, false",
        "postgres, a/b, false",
        "postgres, '', false"
    })
    void onlyAPlainSecretNameAndKeyAreWellFormed(String name, String key, boolean wellFormed) {
        assertThat(new SecretKeyReference(name, key).isWellFormed()).isEqualTo(wellFormed);
    }
}
