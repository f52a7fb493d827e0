// The bcs package from Java: the same declarations as examples/yaml, examples/go and examples/python
// (the shared contract of the package examples), through the Java SDK generated from the package
// schema (scripts/java-sdk.sh).
package bcs.example;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.bcs.BcsFunctions;
import com.pulumi.bcs.FabricCaUserCertificate;
import com.pulumi.bcs.FabricCaUserCertificateArgs;
import com.pulumi.bcs.UserCertificate;
import com.pulumi.bcs.UserCertificateArgs;
import com.pulumi.bcs.inputs.GetCaIdentitiesArgs;
import com.pulumi.core.Output;

public final class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        var cfg = ctx.config();
        // Both certificates' MSP ID (default org1MSP), taken as a secret (`pulumi config set --secret mspId`).
        Output<String> mspId = cfg.getSecret("mspId").applyValue(id -> id.orElse("org1MSP"));

        // Huawei BCS, safe mode: the service keeps the certificate's zip; the key is an output, secret.
        var appUser = new UserCertificate("appUser", UserCertificateArgs.builder()
                .projectId(cfg.require("projectId"))
                .blockchainId(cfg.require("blockchainId"))
                .orgName("org1")
                .userName(cfg.require("userName"))
                .securityMode(true)
                .mspId(mspId)
                .renewBefore("30d")
                .build());

        // A self-hosted Fabric CA; the registrar's credentials come from `bcs:` config or the environment.
        var fabricUser = new FabricCaUserCertificate("fabricUser", FabricCaUserCertificateArgs.builder()
                .caUrl(cfg.require("caUrl"))
                .enrollmentId(cfg.require("enrollmentId"))
                .mspId(mspId)
                .renewBefore("30d")
                .build());

        // NAVER Cloud Blockchain Service: the CA's client identities, counted by role.
        var clients = BcsFunctions.getCaIdentities(GetCaIdentitiesArgs.builder()
                .networkId(cfg.requireInteger("networkId"))
                .caId("25728700")
                .identityType("CLIENT")
                .build());

        ctx.export("subject", appUser.subject());
        ctx.export("key", appUser.privateKeyPem());
        ctx.export("fabricSubject", fabricUser.subject());
        ctx.export("fabricKey", fabricUser.privateKeyPem());
        ctx.export("clientsByType", clients.applyValue(c -> c.summary().countByType()));
    }
}
