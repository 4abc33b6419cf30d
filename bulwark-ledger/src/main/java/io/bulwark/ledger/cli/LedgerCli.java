package io.bulwark.ledger.cli;

public final class LedgerCli {
  public static void main(String[] args) {
    System.out.println(tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode());
  }
}
