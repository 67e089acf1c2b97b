package org.orderplatform.command.order;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** ISO 4217 currencies and ISO 3166-1 alpha-2 countries, as the JDK knows them. */
public final class IsoCodes {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            // XXX means "no currency" and XTS is reserved for testing: neither can be charged.
            .filter(code -> !code.equals("XXX") && !code.equals("XTS"))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    private IsoCodes() {}

    public static boolean isCurrency(String code) {
        return code != null && CURRENCIES.contains(code);
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }
}
