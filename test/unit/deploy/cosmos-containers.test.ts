// infra/cosmos-containers.json, which the Bicep templates load, is what src/adapters/cosmos/containers.ts
// defines: regenerate it with `npm run infra:containers` when this fails.
import { cosmosContainersDocument } from "../../../scripts/cosmos-containers";
import { CONTAINERS } from "../../../src/adapters/cosmos/containers";
import { read } from "./support";

describe("infra/cosmos-containers.json", () => {
  const committed = JSON.parse(read("infra/cosmos-containers.json")) as unknown;

  it("is what the code's container definitions generate", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(cosmosContainersDocument())));
  });

  it("is what main.bicep loads and hands to the Cosmos DB module", () => {
    const main = read("infra/main.bicep");
    expect(main).toContain("loadJsonContent('cosmos-containers.json').containers");
    expect(main).toMatch(/containers: cosmosContainers\n/);
    expect(read("infra/modules/cosmos.bicep")).toMatch(
      /for container in containers:[\s\S]*resource: container/,
    );
  });

  it("would notice a change to the code's definitions", () => {
    const changed = CONTAINERS.map((c) =>
      c.id === "escalations"
        ? {
            ...c,
            indexingPolicy: {
              ...c.indexingPolicy,
              includedPaths: [...c.indexingPolicy.includedPaths, { path: "/x/?" }],
            },
          }
        : c,
    );
    expect(committed).not.toEqual(JSON.parse(JSON.stringify(cosmosContainersDocument(changed))));
  });
});
