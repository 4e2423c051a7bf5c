package io.ward.deploy.aci;

import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.containerinstance.models.Port;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The fields of a container group that `ward aci` prints (never environment values). */
final class ContainerGroupView {

    private ContainerGroupView() {
    }

    /** Prints the view, or only the field named by {@code query} (`fqdn`, or az's `ipAddress.fqdn`). */
    static void print(ContainerGroup group, String query, OutputOptions output) {
        Map<String, Object> view = of(group);
        if (query == null) {
            output.print(System.out, view);
            return;
        }
        String field = query.equals("ipAddress.fqdn") ? "fqdn" : query;
        if (!view.containsKey(field)) {
            throw new CliException(ExitCode.USAGE, "--query must be one of " + String.join(", ", view.keySet()));
        }
        Object value = view.get(field);
        System.out.println(value == null ? "" : value);
    }

    static Map<String, Object> of(ContainerGroup group) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", group.name());
        view.put("resourceGroup", group.resourceGroupName());
        view.put("location", group.regionName());
        view.put("provisioningState", group.provisioningState());
        view.put("state", group.state());
        view.put("fqdn", group.fqdn());
        view.put("ip", group.ipAddress());
        view.put("ports", group.externalPorts().stream().map(Port::port).sorted().toList());
        view.put("images", group.containers().values().stream().map(Container::image).collect(Collectors.joining(",")));
        return view;
    }
}
