// The generated TypeScript SDK (../../../sdk/nodejs) through the Node
// Automation API with an inline program: no pulumi-language-nodejs, the
// program runs in this process. ../../nodejs_test.go starts the emulator and
// runs `node bin/e2e/testdata/nodejs/main.js <up|preview|destroy>` once per
// step, checking the emulator and the stack between steps; each run prints
// one JSON line on stdout (the engine's own output goes to stderr).
//
// Secrets reach this process through the environment only and are never
// printed: a secret output is reported as {"secret": true}.
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, OutputMap } from "@pulumi/pulumi/automation";
import * as pulumicloud from "../../../sdk/nodejs";

function env(name: string): string {
    const v = process.env[name];
    if (!v) {
        throw new Error(`${name} is not set: run this through nodejs_test.go (make pulumi-e2e)`);
    }
    return v;
}

// The program: a GitLab and a Bitbucket integration (its token a secret) and
// the organization's GitLab integrations read back through a data source.
async function program() {
    const gitlab = new pulumicloud.GitlabIntegration("gitlab", {
        gitlabGroupId: Number(env("E2E_GITLAB_GROUP_ID")),
    });
    const bitbucket = new pulumicloud.BitbucketIntegration("bitbucket", {
        workspaceUuid: env("E2E_BITBUCKET_UUID"),
        workspaceSlug: env("E2E_BITBUCKET_SLUG"),
        workspaceAccessToken: pulumi.secret(env("E2E_BITBUCKET_TOKEN")),
    });
    const listed = pulumicloud.getVcsIntegrationsOutput(
        { vcsProvider: "gitlab" },
        { dependsOn: [gitlab] },
    );
    return {
        gitlabIntegrationId: gitlab.integrationId,
        gitlabGroupPath: gitlab.groupPath,
        bitbucketIntegrationId: bitbucket.integrationId,
        bitbucketToken: bitbucket.workspaceAccessToken,
        listedGitlabIds: listed.integrations.apply(is => is.map(i => i.id)),
    };
}

// Outputs without the values of secrets.
function describe(outputs: OutputMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) {
        out[k] = v.secret ? { secret: true } : { value: v.value };
    }
    return out;
}

async function main(step: string): Promise<unknown> {
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "dev", projectName: "pulumicloud-e2e-nodejs", program },
        {
            workDir: env("E2E_WORK_DIR"),
            projectSettings: {
                name: "pulumicloud-e2e-nodejs",
                runtime: "nodejs",
                backend: { url: env("E2E_BACKEND_URL") },
            },
        },
    );
    await stack.setAllConfig({
        "pulumicloud:apiUrl": { value: env("E2E_API_URL") },
        "pulumicloud:organization": { value: env("E2E_ORG") },
        "pulumicloud:accessToken": { value: env("E2E_ACCESS_TOKEN"), secret: true },
    });
    const onOutput = (s: string) => process.stderr.write(s);
    switch (step) {
        case "up": {
            const r = await stack.up({ onOutput });
            return { changes: r.summary.resourceChanges, outputs: describe(r.outputs) };
        }
        case "preview": {
            const r = await stack.preview({ onOutput, expectNoChanges: true });
            return { changes: r.changeSummary };
        }
        case "destroy": {
            const r = await stack.destroy({ onOutput });
            return { changes: r.summary.resourceChanges };
        }
        default:
            throw new Error(`unknown step ${JSON.stringify(step)}: want up, preview or destroy`);
    }
}

main(process.argv[2] ?? "").then(
    result => console.log(JSON.stringify(result)),
    err => {
        console.error(err instanceof Error ? err.message : String(err));
        process.exit(1);
    },
);
