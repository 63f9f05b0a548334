package io.gatesync.common.config;

/** A setting whose value is not allowed; its message is the one line an operator sees at start-up. */
public class InvalidSettingException extends IllegalArgumentException {

    private final String variable;
    private final String allowed;

    public InvalidSettingException(String variable, String value, String allowed) {
        super(variable + "=" + value + " is not allowed: use " + allowed);
        this.variable = variable;
        this.allowed = allowed;
    }

    public String variable() {
        return variable;
    }

    public String allowed() {
        return allowed;
    }
}
