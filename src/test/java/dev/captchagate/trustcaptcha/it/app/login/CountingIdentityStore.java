package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test application: one user, grace with the password secret, and a count of every credential it was shown. */
@ApplicationScoped
public class CountingIdentityStore implements IdentityStore {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public CredentialValidationResult validate(Credential credential) {
        calls.incrementAndGet();
        if (credential instanceof UsernamePasswordCredential login && login.compareTo("grace", "secret")) {
            return new CredentialValidationResult("grace", Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    /** @return how many credentials were validated */
    public int calls() {
        return calls.get();
    }
}
