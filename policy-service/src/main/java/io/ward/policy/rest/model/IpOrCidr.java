package io.ward.policy.rest.model;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address, optionally with a CIDR prefix ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
@Target(TYPE_USE)
@Retention(RUNTIME)
@Constraint(validatedBy = IpOrCidr.Validator.class)
public @interface IpOrCidr {

    String message() default "must be an IPv4/IPv6 address or CIDR such as 10.0.0.0/8 or 2001:db8::/32";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses literals only: never resolves a name. */
    class Validator implements ConstraintValidator<IpOrCidr, String> {

        private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
        private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
        private static final Pattern PREFIX = Pattern.compile("^\\d{1,3}$");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            String prefix = slash < 0 ? null : value.substring(slash + 1);
            int maxPrefix;
            InetAddress ipv6 = null;
            if (IPV4.matcher(address).matches()) {
                maxPrefix = 32;
            } else if (address.contains(":") && IPV6_CHARS.matcher(address).matches() && (ipv6 = ipv6Literal(address)) != null) {
                maxPrefix = 128;
            } else {
                return false;
            }
            if (prefix == null) {
                return true;
            }
            if (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > maxPrefix) {
                return false;
            }
            // The defender compares an IPv4-mapped address (::ffff:a.b.c.d) as IPv4, so its prefix must stay within
            // the mapped range: ::ffff:10.0.0.0/104 is 10.0.0.0/8, and the defender refuses a rule with /95 or less.
            if (ipv6 instanceof Inet4Address && Integer.parseInt(prefix) < 96) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("an IPv4-mapped address (::ffff:a.b.c.d) takes a prefix of 96-128")
                        .addConstraintViolation();
                return false;
            }
            return true;
        }

        /** The address, or null; Java hands back an IPv4-mapped IPv6 literal as an {@link Inet4Address}. */
        private static InetAddress ipv6Literal(String address) {
            try {
                // Only hex digits, ':' and '.' reach here, so this parses a literal and does no DNS lookup.
                return InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
