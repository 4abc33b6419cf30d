package io.bulwark.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What may be shown about a signing key: never its private part.
 *
 * @param kid the key id in JWS headers and the JWKS
 * @param algorithm its algorithm
 * @param state where it is in its life
 * @param createdAt when it was generated
 * @param activatedAt when it started signing, if it has
 * @param retiredAt when it was retired, if it was
 */
public record SigningKeyInfo(
    String kid,
    SigningAlgorithm algorithm,
    SigningKeyState state,
    Instant createdAt,
    @Nullable Instant activatedAt,
    @Nullable Instant retiredAt) {}
