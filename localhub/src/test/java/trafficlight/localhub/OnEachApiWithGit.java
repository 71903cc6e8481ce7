package trafficlight.localhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test of a code repository run once for api.github.com and once for Enterprise Server: its
 * parameters are the {@link OpenApiContractTest.Api} and a new, empty bare {@link
 * LocalGitRepository} that is closed and deleted after the test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@EnumSource(OpenApiContractTest.Api.class)
@ExtendWith(NewGitRepository.class)
@interface OnEachApiWithGit {}
