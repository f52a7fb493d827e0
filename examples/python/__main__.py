"""The bcs package from Python: the same declarations as examples/yaml and examples/go (the shared
contract of the package examples), through the Python SDK generated from the package schema
(scripts/python-sdk.sh)."""

import pulumi
import pulumi_bcs as bcs

cfg = pulumi.Config()

# Both certificates' MSP ID (default org1MSP), taken as a secret (`pulumi config set --secret mspId`).
msp_id = cfg.get_secret("mspId") or "org1MSP"

# Huawei BCS, safe mode: the service keeps the certificate's zip; the key is an output, secret.
app_user = bcs.UserCertificate(
    "appUser",
    bcs.UserCertificateArgs(
        project_id=cfg.require("projectId"),
        blockchain_id=cfg.require("blockchainId"),
        org_name="org1",
        user_name=cfg.require("userName"),
        security_mode=True,
        msp_id=msp_id,
        renew_before="30d",
    ),
)

# A self-hosted Fabric CA; the registrar's credentials come from `bcs:` config or the environment.
fabric_user = bcs.FabricCaUserCertificate(
    "fabricUser",
    bcs.FabricCaUserCertificateArgs(
        ca_url=cfg.require("caUrl"),
        enrollment_id=cfg.require("enrollmentId"),
        msp_id=msp_id,
        renew_before="30d",
    ),
)

# NAVER Cloud Blockchain Service: the CA's client identities, counted by role.
clients = bcs.get_ca_identities(
    network_id=cfg.require_int("networkId"),
    ca_id="25728700",
    identity_type="CLIENT",
)

pulumi.export("subject", app_user.subject)
pulumi.export("key", app_user.private_key_pem)
pulumi.export("fabricSubject", fabric_user.subject)
pulumi.export("fabricKey", fabric_user.private_key_pem)
pulumi.export("clientsByType", clients.summary.count_by_type)
