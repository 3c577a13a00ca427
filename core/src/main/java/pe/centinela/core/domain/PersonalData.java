package pe.centinela.core.domain;

/**
 * Masking of personal data for people who need the case but not the identity (Ley 29733, Peru's personal data
 * protection law): analysts see the last four characters of account and card identifiers; supervisors and admins see
 * them whole.
 */
public final class PersonalData {

    /** Fields of a transaction that identify a person or their device. */
    public static final java.util.List<String> IDENTIFYING_FIELDS =
            java.util.List.of("account_id", "counterparty_account", "device_id", "ip");

    private PersonalData() {}

    public static String mask(String identifier) {
        if (identifier == null) {
            return null;
        }
        if (identifier.length() <= 4) {
            return "****";
        }
        return "****" + identifier.substring(identifier.length() - 4);
    }

    public static boolean seesIdentities(Role role) {
        return role == Role.SUPERVISOR || role == Role.ADMIN;
    }
}
