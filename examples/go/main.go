// The bcs package from Go: the same declarations as examples/yaml (docs: the shared contract of the
// package examples), through the Go SDK generated from the package schema (scripts/go-sdk.sh).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"pulumi-bcs.internal/sdk/go/bcs"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		// Both certificates' MSP ID (default org1MSP), taken as a secret (`pulumi config set --secret mspId`).
		mspId, err := cfg.TrySecret("mspId")
		if err != nil {
			mspId = pulumi.String("org1MSP").ToStringOutput()
		}

		// Huawei BCS, safe mode: the service keeps the certificate's zip; the key is an output, secret.
		appUser, err := bcs.NewUserCertificate(ctx, "appUser", &bcs.UserCertificateArgs{
			ProjectId:    pulumi.String(cfg.Require("projectId")),
			BlockchainId: pulumi.String(cfg.Require("blockchainId")),
			OrgName:      pulumi.String("org1"),
			UserName:     pulumi.String(cfg.Require("userName")),
			SecurityMode: pulumi.Bool(true),
			MspId:        mspId,
			RenewBefore:  pulumi.String("30d"),
		})
		if err != nil {
			return err
		}

		// A self-hosted Fabric CA; the registrar's credentials come from `bcs:` config or the environment.
		fabricUser, err := bcs.NewFabricCaUserCertificate(ctx, "fabricUser", &bcs.FabricCaUserCertificateArgs{
			CaUrl:        pulumi.String(cfg.Require("caUrl")),
			EnrollmentId: pulumi.String(cfg.Require("enrollmentId")),
			MspId:        mspId,
			RenewBefore:  pulumi.String("30d"),
		})
		if err != nil {
			return err
		}

		// NAVER Cloud Blockchain Service: the CA's client identities, counted by role.
		clients, err := bcs.GetCaIdentities(ctx, &bcs.GetCaIdentitiesArgs{
			NetworkId:    pulumi.IntRef(cfg.RequireInt("networkId")),
			CaId:         pulumi.StringRef("25728700"),
			IdentityType: pulumi.StringRef("CLIENT"),
		})
		if err != nil {
			return err
		}

		ctx.Export("subject", appUser.Subject)
		ctx.Export("key", appUser.PrivateKeyPem)
		ctx.Export("fabricSubject", fabricUser.Subject)
		ctx.Export("fabricKey", fabricUser.PrivateKeyPem)
		ctx.Export("clientsByType", pulumi.ToIntMap(clients.Summary.CountByType))
		return nil
	})
}
