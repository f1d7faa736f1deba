package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerFormsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void theSpecificationsRuleIsPostWithTheExactMediaType() {
        ContainerForms forms = ContainerForms.SPECIFICATION;
        assertTrue(forms.bodyBecomesParameters("POST", FORM));
        assertTrue(forms.bodyBecomesParameters("POST", FORM + "; charset=UTF-8"));
        assertTrue(forms.bodyBecomesParameters("POST", " " + FORM + " ;charset=UTF-8"));
        for (String method : new String[] {"PUT", "PATCH", "DELETE", "GET"}) {
            assertFalse(forms.bodyBecomesParameters(method, FORM), method);
        }
        assertFalse(forms.bodyBecomesParameters("POST", "Application/X-WWW-Form-URLEncoded"));
        assertFalse(forms.bodyBecomesParameters("POST", FORM + "x"));
        assertFalse(forms.bodyBecomesParameters("POST", "application/json"));
        assertFalse(forms.bodyBecomesParameters("POST", null));
    }

    @Test
    void undertowsRuleIsEveryMethodWithTheTypeAsPrefix() {
        ContainerForms forms = ContainerForms.EVERY_METHOD;
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertTrue(forms.bodyBecomesParameters(method, FORM + ";charset=UTF-8"), method);
        }
        assertFalse(forms.bodyBecomesParameters("PUT", "Application/X-WWW-Form-URLEncoded"));
        assertFalse(forms.bodyBecomesParameters("PUT", " " + FORM));
        assertFalse(forms.bodyBecomesParameters("PUT", null));
    }

    @Test
    void anUnknownContainerGetsTheSpecificationsRule() {
        assertEquals(ContainerForms.SPECIFICATION, ContainerForms.of(null));
    }
}
