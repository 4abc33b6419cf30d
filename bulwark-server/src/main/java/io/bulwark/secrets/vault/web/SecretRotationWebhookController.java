package io.bulwark.secrets.vault.web;

import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.secrets.vault.SecretRotationWebhooks;
import io.bulwark.secrets.vault.SecretRotationWebhooks.Configured;
import io.bulwark.secrets.vault.SecretRotationWebhooks.Webhook;
import io.bulwark.tenancy.Tenant;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's rotation webhook ({@code secrets:admin}). */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/secret-rotation-webhook",
    produces = MediaType.APPLICATION_JSON_VALUE)
class SecretRotationWebhookController {

  private final SecretRotationWebhooks webhooks;
  private final TenantAccess access;
  private final AccessDecisions decisions;
  private final JsonMapper json = JsonMapper.builder().build();

  SecretRotationWebhookController(
      SecretRotationWebhooks webhooks, TenantAccess access, AccessDecisions decisions) {
    this.webhooks = webhooks;
    this.access = access;
    this.decisions = decisions;
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ConfiguredResponse> configure(
      @PathVariable("slug") String slug,
      @RequestHeader(name = SecretCallers.PURPOSE_HEADER, required = false)
          @Nullable String purpose,
      @RequestBody WebhookRequest body) {
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN);
    if (body.url() == null || body.url().isBlank()) {
      throw new InvalidFieldException("url", "is required");
    }
    URI url;
    try {
      url = new URI(body.url());
    } catch (URISyntaxException e) {
      throw new InvalidFieldException("url", "is not a URL");
    }
    Configured configured =
        webhooks.configure(tenant.id(), url, SecretCallers.current(decisions, purpose));
    Webhook webhook = configured.webhook();
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new ConfiguredResponse(
                webhook.url().toString(),
                webhook.createdAt(),
                webhook.updatedAt(),
                json.readTree(configured.signingSecret().revealJson())));
  }

  @GetMapping
  WebhookResponse find(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN);
    return webhooks
        .find(tenant.id())
        .map(w -> new WebhookResponse(w.url().toString(), w.createdAt(), w.updatedAt()))
        .orElseThrow(
            () -> new ApiProblem(ProblemType.NOT_FOUND, "This tenant has no rotation webhook"));
  }

  @DeleteMapping
  ResponseEntity<Void> remove(
      @PathVariable("slug") String slug,
      @RequestHeader(name = SecretCallers.PURPOSE_HEADER, required = false)
          @Nullable String purpose) {
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN);
    if (!webhooks.remove(tenant.id(), SecretCallers.current(decisions, purpose))) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "This tenant has no rotation webhook");
    }
    return ResponseEntity.noContent().build();
  }

  record WebhookRequest(@Nullable String url) {}

  record WebhookResponse(String url, Instant createdAt, Instant updatedAt) {}

  record ConfiguredResponse(
      String url, Instant createdAt, Instant updatedAt, JsonNode signingSecret) {
    @Override
    public String toString() {
      return "ConfiguredResponse[url=" + url + ", signingSecret=redacted]";
    }
  }
}
