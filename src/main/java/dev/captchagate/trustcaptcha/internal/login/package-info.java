/**
 * The CAPTCHA on the login of Jakarta Security: a CDI decorator of every {@code HttpAuthenticationMechanism}, added
 * by the library's extension only when {@code trustcaptcha.login.enabled} is true and the server has Jakarta
 * Security (bean discovery never loads this package: see {@code META-INF/beans.xml}).
 */
package dev.captchagate.trustcaptcha.internal.login;
