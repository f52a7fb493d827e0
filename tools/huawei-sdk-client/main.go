// huawei-sdk-client: Huawei's official Go SDK (huaweicloud-sdk-go-v3, services/bcs/v2) as the referee
// of the emulator. It calls BcsClient.CreateBlockchainCertByUserName, FreezeCert and UnfreezeCert the
// way a user of the SDK would, signed with AK/SK or carrying an IAM token, and prints one JSON line per
// step: what the SDK made of the answer (its response model, or the ServiceResponseError it parsed).
// The token comes from IAM through the SDK too (KeystoneCreateUserTokenByPassword).
// tests/contract/officialClient.test.ts runs it against the emulator under every variant.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	bcs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bcs/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bcs/v2/model"
	iam "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3"
	iammodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/model"
)

// tokenCredential sends an IAM (Keystone) token as X-Auth-Token, which the SDK's own credentials do
// not offer (they sign with AK/SK); auth.ICredential is the SDK's interface for such a credential.
type tokenCredential struct{ token, projectID string }

func (c tokenCredential) ProcessAuthParams(*impl.DefaultHttpClient, string) (auth.ICredential, error) {
	return c, nil
}

func (c tokenCredential) ProcessAuthRequest(
	_ *impl.DefaultHttpClient, req *request.DefaultHttpRequest,
) (*request.DefaultHttpRequest, error) {
	return req.Builder().
		AddAutoFilledPathParam("project_id", c.projectID).
		AddHeaderParam("X-Auth-Token", c.token).
		Build(), nil
}

// noCredential leaves a request as it is: the Keystone password login carries its own credentials.
type noCredential struct{}

func (c noCredential) ProcessAuthParams(*impl.DefaultHttpClient, string) (auth.ICredential, error) {
	return c, nil
}

func (noCredential) ProcessAuthRequest(
	_ *impl.DefaultHttpClient, req *request.DefaultHttpRequest,
) (*request.DefaultHttpRequest, error) {
	return req, nil
}

// step is one line of output.
type step struct {
	Step string `json:"step"`
	// The SDK returned its response model.
	OK     bool    `json:"ok"`
	Status int     `json:"status,omitempty"`
	Result *string `json:"result,omitempty"`
	// The zip's entries, when the answer is a certificate.
	Entries []string `json:"entries,omitempty"`
	// The error the SDK parsed from a refusal, or any other error it returned.
	Refusal *sdkerr.ServiceResponseError `json:"refusal,omitempty"`
	Error   string                       `json:"error,omitempty"`
}

func main() {
	endpoint := flag.String("endpoint", "", "BCS endpoint, e.g. http://127.0.0.1:8080")
	project := flag.String("project", "", "project id")
	blockchain := flag.String("blockchain", "", "blockchain id")
	org := flag.String("org", "", "peer organization")
	user := flag.String("user", "", "user name")
	ak := flag.String("ak", "", "access key (AK/SK signing)")
	sk := flag.String("sk", "", "secret key (AK/SK signing)")
	iamUser := flag.String("iam-user", "", "IAM user: log in (Keystone password) and use its token, instead of AK/SK")
	iamPassword := flag.String("iam-password", "", "the IAM user's password")
	iamDomain := flag.String("iam-domain", "", "the IAM user's account (domain) name")
	work := flag.String("work", "", "a directory for the certificate's zip (FreezeCert takes a file)")
	flag.Parse()
	if *endpoint == "" || *project == "" || *work == "" || (*iamUser == "") == (*ak == "") {
		fmt.Fprintln(os.Stderr,
			"usage: huawei-sdk-client -endpoint -project -blockchain -org -user -work (-ak -sk | -iam-user -iam-password -iam-domain)")
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	var token string
	if *iamUser != "" {
		// A wrong password first: the refusal, as the SDK parses it; then the login.
		emit(out, login(*endpoint, *project, *iamUser, "wrong"+*iamPassword, *iamDomain, "iam wrong password", nil))
		emit(out, login(*endpoint, *project, *iamUser, *iamPassword, *iamDomain, "iam login", &token))
		if token == "" {
			return
		}
	}
	client, err := newClient(*endpoint, *project, *ak, *sk, token)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := certificateNames{*blockchain, *org, *user}

	created, zipBytes := create(client, names, "create")
	emit(out, created)
	// The same name again in safe mode: the refusal, as the SDK parses it.
	again, _ := create(client, names, "create again")
	emit(out, again)
	if zipBytes == nil {
		return
	}
	zipPath := filepath.Join(*work, "cert.zip")
	if err := os.WriteFile(zipPath, zipBytes, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	emit(out, freeze(client, names, zipPath, "freeze"))
	emit(out, unfreeze(client, names, zipPath, "unfreeze"))

	// Credentials the service refuses: the refusal, as the SDK parses it.
	wrong, err := newClient(*endpoint, *project, *ak, "wrong"+*sk, "wrong"+token)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	refused, _ := create(wrong, certificateNames{*blockchain, *org, *user + "x"}, "wrong credentials")
	emit(out, refused)
}

func newClient(endpoint, project, ak, sk, token string) (*bcs.BcsClient, error) {
	builder := bcs.BcsClientBuilder().WithEndpoint(endpoint)
	if ak != "" {
		credential, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(project).SafeBuild()
		if err != nil {
			return nil, err
		}
		builder = builder.WithCredential(credential)
	} else {
		builder = builder.WithCredentialsType("main.tokenCredential").
			WithCredential(tokenCredential{token: token, projectID: project})
	}
	hc, err := builder.SafeBuild()
	if err != nil {
		return nil, err
	}
	return bcs.NewBcsClient(hc), nil
}

// login is IAM's KeystoneCreateUserTokenByPassword, scoped to the project; the token is in X-Subject-Token.
func login(endpoint, project, user, password, domain, name string, token *string) step {
	hc, err := iam.IamClientBuilder().WithEndpoint(endpoint).
		WithCredentialsType("main.noCredential").WithCredential(noCredential{}).SafeBuild()
	if err != nil {
		return failed(name, err)
	}
	nocatalog := "true"
	resp, err := iam.NewIamClient(hc).KeystoneCreateUserTokenByPassword(&iammodel.KeystoneCreateUserTokenByPasswordRequest{
		Nocatalog: &nocatalog,
		Body: &iammodel.KeystoneCreateUserTokenByPasswordRequestBody{Auth: &iammodel.PwdAuth{
			Identity: &iammodel.PwdIdentity{
				Methods: []iammodel.PwdIdentityMethods{iammodel.GetPwdIdentityMethodsEnum().PASSWORD},
				Password: &iammodel.PwdPassword{User: &iammodel.PwdPasswordUser{
					Name: user, Password: password, Domain: &iammodel.PwdPasswordUserDomain{Name: domain},
				}},
			},
			Scope: &iammodel.AuthScope{Project: &iammodel.AuthScopeProject{Id: &project}},
		}},
	})
	if err != nil {
		return failed(name, err)
	}
	if resp.XSubjectToken == nil || *resp.XSubjectToken == "" || resp.Token == nil {
		return failed(name, errors.New("the answer has no X-Subject-Token or no token body"))
	}
	if token != nil {
		*token = *resp.XSubjectToken
	}
	return step{Step: name, OK: true, Status: resp.HttpStatusCode}
}

type certificateNames struct{ blockchain, org, user string }

func create(client *bcs.BcsClient, n certificateNames, name string) (step, []byte) {
	safe := true
	resp, err := client.CreateBlockchainCertByUserName(&model.CreateBlockchainCertByUserNameRequest{
		BlockchainId: n.blockchain,
		OrgName:      n.org,
		UserName:     n.user,
		Body:         &model.CreateBlockchainCertByUserNameRequestBody{SecurityMode: &safe},
	})
	if err != nil {
		return failed(name, err), nil
	}
	var body bytes.Buffer
	if _, err := resp.Consume(&body); err != nil {
		return failed(name, err), nil
	}
	archive, err := zip.NewReader(bytes.NewReader(body.Bytes()), int64(body.Len()))
	if err != nil {
		return failed(name, fmt.Errorf("the answer is not a zip: %w", err)), nil
	}
	entries := []string{}
	for _, f := range archive.File {
		entries = append(entries, f.Name)
	}
	return step{Step: name, OK: true, Status: resp.HttpStatusCode, Entries: entries}, body.Bytes()
}

// freeze and unfreeze send the certificate's zip as the multipart part `file`, as the SDK's models say.
func freeze(client *bcs.BcsClient, n certificateNames, zipPath, name string) step {
	return withZip(zipPath, name, func(file *def.FilePart) (int, *string, error) {
		resp, err := client.FreezeCert(&model.FreezeCertRequest{
			BlockchainId: n.blockchain, OrgName: n.org, UserName: n.user,
			Body: &model.FreezeCertRequestBody{File: file},
		})
		if err != nil {
			return 0, nil, err
		}
		return resp.HttpStatusCode, resp.Result, nil
	})
}

func unfreeze(client *bcs.BcsClient, n certificateNames, zipPath, name string) step {
	return withZip(zipPath, name, func(file *def.FilePart) (int, *string, error) {
		resp, err := client.UnfreezeCert(&model.UnfreezeCertRequest{
			BlockchainId: n.blockchain, OrgName: n.org, UserName: n.user,
			Body: &model.UnfreezeCertRequestBody{File: file},
		})
		if err != nil {
			return 0, nil, err
		}
		return resp.HttpStatusCode, resp.Result, nil
	})
}

func withZip(zipPath, name string, call func(*def.FilePart) (int, *string, error)) step {
	file, err := os.Open(zipPath)
	if err != nil {
		return failed(name, err)
	}
	defer file.Close()
	status, result, err := call(def.NewFilePart(file))
	if err != nil {
		return failed(name, err)
	}
	return step{Step: name, OK: true, Status: status, Result: result}
}

func failed(name string, err error) step {
	var refusal *sdkerr.ServiceResponseError
	if errors.As(err, &refusal) {
		return step{Step: name, Refusal: refusal}
	}
	return step{Step: name, Error: err.Error()}
}

func emit(out *json.Encoder, s step) {
	if err := out.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
