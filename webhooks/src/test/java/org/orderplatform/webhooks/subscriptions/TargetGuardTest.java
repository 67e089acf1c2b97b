package org.orderplatform.webhooks.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals only: the guard resolves names, and these tests must not depend on (or use) DNS. */
class TargetGuardTest {

    private final TargetGuard deployed = new TargetGuard(false, true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/h",
                "https://127.8.9.10/h",
                "https://[::1]/h",
                "https://0.0.0.0/h",
                "https://[::]/h",
                "https://10.1.2.3/h",
                "https://172.16.0.1/h",
                "https://172.31.255.255/h",
                "https://192.168.0.1/h",
                "https://169.254.169.254/h",
                "https://100.64.0.1/h",
                "https://[fe80::1]/h",
                "https://[fd12:3456::1]/h",
                "https://[::ffff:127.0.0.1]/h",
                "https://[::ffff:10.0.0.1]/h",
                "https://224.0.0.1/h",
                "https://[2002:a00:1::]/h",
                "https://[2001:0:4136:e378::1]/h",
                "https://[64:ff9b::a00:1]/h",
                "https://[64:ff9b:1::a00:1]/h",
                "https://[2001:db8::1]/h",
                "https://255.255.255.255/h"
            })
    void refusesPrivateLoopbackAndLinkLocalAddresses(String url) {
        assertThatThrownBy(() -> deployed.check(url))
                .isInstanceOf(TargetGuard.TargetRefused.class)
                .hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://203.0.113.10/h", "https://8.8.8.8:8443/hooks?x=1", "https://[2606:4700::1111]/h"})
    void acceptsPublicAddresses(String url) {
        assertThat(deployed.check(url)).hasToString(url);
    }

    @Test
    void privateTargetsAndHttpAreAllowedOnlyWhenConfigured() {
        TargetGuard local = new TargetGuard(true, false);

        assertThat(local.check("http://127.0.0.1:8080/h")).hasToString("http://127.0.0.1:8080/h");
        assertThatThrownBy(() -> deployed.check("http://203.0.113.10/h")).hasMessageContaining("https");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://203.0.113.10/h",
                "//203.0.113.10/h",
                "https:///h",
                "https://user:pw@203.0.113.10/h",
                "https://203.0.113.10/h#frag",
                "not a url"
            })
    void refusesWhatIsNotAPlainHttpsUrl(String url) {
        assertThatThrownBy(() -> deployed.check(url)).isInstanceOf(TargetGuard.TargetRefused.class);
    }
}
