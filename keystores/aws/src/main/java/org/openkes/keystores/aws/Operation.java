package org.openkes.keystores.aws;

/** The keystore operations, with the words and the Secrets Manager action each uses. */
enum Operation {
  CREATE("create", "CreateSecret"),
  GET("read", "GetSecretValue"),
  DELETE("delete", "DeleteSecret"),
  LIST("list", "ListSecrets");

  /** The verb in messages: "cannot read key 'k'". */
  final String verb;
  /** The API action, which is also the IAM permission {@code secretsmanager:<action>}. */
  final String action;

  Operation(String verb, String action) {
    this.verb = verb;
    this.action = action;
  }

  /** "create key 'k'", or "list keys". */
  String what(String name) {
    return name == null ? verb + " keys" : verb + " key '" + name + "'";
  }
}
